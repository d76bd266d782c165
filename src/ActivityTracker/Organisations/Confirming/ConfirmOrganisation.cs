using ActivityTracker.Access;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using ActivityTracker.Organisations.Registering;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Organisations.Confirming;

/// <summary>
/// Confirm an organisation an officer proposed, fixing what the administrator knows better. A field left out keeps what was
/// proposed; an empty <paramref name="Acronym"/> removes it.
/// </summary>
/// <param name="Version">The version of the organisation you last read (optimistic concurrency).</param>
/// <param name="IatiIdentifier">Its IATI organisation identifier, agency prefix first (e.g. <c>XM-DAC-47066</c>); omit when not known.</param>
public sealed record ConfirmOrganisation(
    long? Version,
    string? Name = null,
    string? Acronym = null,
    OrganisationType? Type = null,
    string? IatiIdentifier = null)
{
    /// <summary>The whole rule: the registration's rules on what it will be; only a pending organisation that was not merged is confirmed.</summary>
    public Decision Decide(OrganisationDetails organisation)
    {
        var confirmed = new RegisterOrganisation(organisation.Code, Name ?? organisation.Name, Acronym ?? organisation.Acronym,
            [.. organisation.Aliases], IatiIdentifier, Type ?? organisation.Type);
        var errors = confirmed.Check();
        if (!errors.IsEmpty)
            return new Decision.Invalid(errors);
        if (organisation.MergedIntoCode is { } survivor)
            return Decision.Refuse(Messages.Text("Confirm_Merged", organisation.Code, survivor));
        if (!organisation.IsPending)
            return Decision.Refuse(Messages.Text("Confirm_NotPending", organisation.Code));
        return Decision.Append(new OrganisationConfirmed(confirmed.Name!.Trim(), FieldRules.TrimToNull(confirmed.Acronym), confirmed.Type!.Value,
            FieldRules.TrimToNull(IatiIdentifier)));
    }
}

public static class ConfirmOrganisationEndpoint
{
    /// <summary>An administrator confirms a proposed organisation: <c>OrganisationConfirmed</c>, and it is no longer pending.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/organisations/{code}/confirm", Name = "ConfirmOrganisation"), Tags("Organisations")]
    [StreamCommand]
    public static Task<IResult> Post(string code, ConfirmOrganisation command, IDocumentSession session, CancellationToken ct) =>
        session.DecideAsync<OrganisationDetails>("organisation", OrganisationDetails.IdFor(code), command.Version, command.Decide, StreamCommands.Everyone, ct);
}
