using System.Security.Claims;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Activities.Partnering;

/// <summary>Add an organisation in an IATI role (Funding, Accountable, Extending, Implementing).</summary>
public sealed record AddPartner(long? Version, string? OrganisationCode, OrganisationRole? Role)
{
    public Decision Decide(ActivityDetails activity, Catalog catalog)
    {
        if (ActivityRules.WhyFrozen(activity) is { } frozen)
            return Decision.Refuse(frozen);
        var errors = new FieldErrors();
        var partner = ActivityRules.Partner(errors, "partner", new PartnerInput(OrganisationCode, Role), catalog);
        if (partner is not null && activity.Partners.Contains(partner))
            return Decision.Refuse(Messages.Text("AlreadyPartner", partner.OrganisationCode, partner.Role));
        return Decision.Check(errors, () => [new PartnerAdded(activity.Id, partner!.OrganisationCode, partner.Role)]);
    }
}

/// <summary>Remove an organisation from one of its roles.</summary>
public sealed record RemovePartner(long? Version, string? OrganisationCode, OrganisationRole? Role, string? Reason = null)
{
    public Decision Decide(ActivityDetails activity)
    {
        if (ActivityRules.WhyFrozen(activity) is { } frozen)
            return Decision.Refuse(frozen);
        var errors = new FieldErrors();
        errors.When(string.IsNullOrWhiteSpace(OrganisationCode), "organisationCode", Messages.Text("OrganisationCodeRequired"));
        errors.When(Role is null, "role", Messages.Text("RoleRequired"));
        var reason = errors.Text("reason", Reason, FieldRules.ReasonMaxLength, false, Messages.Text("What_Reason"));
        if (!errors.IsEmpty)
            return new Decision.Invalid(errors);
        var partner = activity.Partners.FirstOrDefault(p => p.Role == Role && string.Equals(p.OrganisationCode, OrganisationCode!.Trim(), StringComparison.OrdinalIgnoreCase));
        return partner is null
            ? Decision.Refuse(Messages.Text("NotAPartner", OrganisationCode, Role))
            : Decision.Append(new PartnerRemoved(activity.Id, partner.OrganisationCode, partner.Role, reason));
    }
}

public static class PartnerEndpoints
{
    /// <summary>Adds a partner organisation in an IATI role.</summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/activities/{id}/partners", Name = "AddPartner"), Tags("Activities")]
    [StreamCommand]
    public static async Task<IResult> Add(Guid id, AddPartner command, IDocumentSession session, ClaimsPrincipal user, ReferenceData codes, CancellationToken ct)
    {
        var catalog = await Catalog.LoadAsync(session, codes, [], [command.OrganisationCode], [], [], [], ct);
        return await CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, a => command.Decide(a, catalog), ct));
    }

    /// <summary>Removes a partner organisation from a role.</summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/activities/{id}/partners/remove", Name = "RemovePartner"), Tags("Activities")]
    [StreamCommand]
    public static Task<IResult> Remove(Guid id, RemovePartner command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct) =>
        CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, command.Decide, ct));
}
