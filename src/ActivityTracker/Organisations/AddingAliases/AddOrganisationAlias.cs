using ActivityTracker.Access;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Organisations.AddingAliases;

/// <summary>Record another name an organisation is known by.</summary>
/// <param name="Version">The version of the organisation you last read (optimistic concurrency).</param>
/// <param name="Alias">A former name, a unit, a translation or an abbreviation; at most 200 characters.</param>
public sealed record AddOrganisationAlias(long? Version, string? Alias)
{
    public FieldErrors Check() => new FieldErrors().RequireText("alias", Alias, OrganisationDetails.NameMaxLength, Messages.Text("What_Alias"));

    /// <summary>The whole rule: a merged organisation takes no new names (its survivor does), and a name is recorded once.</summary>
    public Decision Decide(OrganisationDetails organisation)
    {
        var errors = Check();
        if (!errors.IsEmpty)
            return new Decision.Invalid(errors);
        if (organisation.MergedIntoCode is { } survivor)
            return Decision.Refuse(Messages.Text("Alias_Merged", organisation.Code, survivor));
        if (organisation.IsKnownAs(Alias!))
            return Decision.Refuse(Messages.Text("Alias_Known", organisation.Code, Alias!.Trim()));
        return Decision.Append(new OrganisationAliasAdded(Alias!.Trim()));
    }
}

public static class AddOrganisationAliasEndpoint
{
    /// <summary>Adds a name the organisation is also known by; search (<c>?q=</c>) finds it by that name.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/organisations/{code}/aliases", Name = "AddOrganisationAlias"), Tags("Organisations")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static Task<IResult> Post(string code, AddOrganisationAlias command, IDocumentSession session, CancellationToken ct) =>
        session.DecideAsync<OrganisationDetails>("organisation", OrganisationDetails.IdFor(code), command.Version, command.Decide, StreamCommands.Everyone, ct);
}
