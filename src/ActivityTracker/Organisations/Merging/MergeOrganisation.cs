using ActivityTracker.Access;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Organisations.Merging;

/// <summary>Merge an organisation into another that carries on (the survivor).</summary>
/// <param name="Version">The version of the organisation being merged, as you last read it (optimistic concurrency).</param>
/// <param name="IntoCode">The survivor's code, e.g. <c>segob-mx</c>.</param>
/// <param name="Reason">Why, at most 500 characters (e.g. the decree that merged them).</param>
public sealed record MergeOrganisation(long? Version, string? IntoCode, string? Reason)
{
    public FieldErrors Check() => new FieldErrors()
        .RequireCode("intoCode", IntoCode, OrganisationDetails.CodePattern, OrganisationDetails.Canonical, Messages.Text("What_MergeIntoCode"), OrganisationDetails.CodeShape)
        .RequireText("reason", Reason, FieldRules.ReasonMaxLength, Messages.Text("What_Reason"));

    /// <summary>
    /// The whole rule. A merge ends an organisation, so it happens once, and only into an
    /// organisation that exists, is another one, still stands on its own and is not itself a proposal
    /// waiting for confirmation (the survivor carries on with every name: it must be one an administrator vouched for).
    /// </summary>
    /// <param name="survivor">The organisation <see cref="IntoCode"/> names, or null when there is none.</param>
    public Decision Decide(OrganisationDetails merged, OrganisationDetails? survivor)
    {
        var errors = Check();
        if (!errors.IsEmpty)
            return new Decision.Invalid(errors);

        var into = OrganisationDetails.Canonical(IntoCode!);
        if (merged.MergedIntoCode is { } earlier)
            return Decision.Refuse(Messages.Text("Merge_AlreadyMerged", merged.Code, earlier));
        if (into == merged.Code)
            return Decision.Refuse(Messages.Text("Merge_Itself", merged.Code));
        if (survivor is null)
            return Decision.Refuse(Messages.Text("Merge_NoSurvivor", into, merged.Code));
        if (survivor.MergedIntoCode is { } further)
            return Decision.Refuse(Messages.Text("Merge_SurvivorMerged", survivor.Code, further, merged.Code));
        if (survivor.IsPending)
            return Decision.Refuse(Messages.Text("Merge_SurvivorPending", survivor.Code, merged.Code));
        return Decision.Append(new OrganisationMerged(survivor.Code, Reason!.Trim()));
    }

    /// <summary>The survivor's side of an accepted merge: it takes on the merged organisation's names.</summary>
    public OrganisationAbsorbed Absorbed(OrganisationDetails merged) =>
        new(merged.Code, merged.Name, merged.Acronym, merged.Aliases, Reason!.Trim());

    /// <summary>
    /// Loads the survivor for writing and returns the decision for the merged stream
    /// (<paramref name="mergedId"/>), which, when it accepts, also appends the absorption to the
    /// survivor at the version read here: committed with the merge, a concurrent change to either
    /// stream fails both.
    /// </summary>
    public async Task<Func<OrganisationDetails, Decision>> DeciderAsync(IDocumentSession session, Guid mergedId, CancellationToken ct)
    {
        var survivorId = OrganisationDetails.IdFor(IntoCode ?? "");
        var survivor = IntoCode is null || survivorId == mergedId ? null : await session.Events.FetchForWriting<OrganisationDetails>(survivorId, ct);
        return merged =>
        {
            var decision = Decide(merged, survivor?.Aggregate);
            if (decision is Decision.Accepted)
                survivor!.AppendOne(Absorbed(merged));
            return decision;
        };
    }
}

public static class MergeOrganisationEndpoint
{
    /// <summary>
    /// Merges the organisation into a surviving one: <c>OrganisationMerged</c> on its stream and
    /// <c>OrganisationAbsorbed</c> on the survivor's, in one transaction. Figures per partner follow the merge.
    /// </summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/organisations/{code}/merge", Name = "MergeOrganisation"), Tags("Organisations")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(string code, MergeOrganisation command, IDocumentSession session, CancellationToken ct)
    {
        var mergedId = OrganisationDetails.IdFor(code);
        return await session.DecideAsync("organisation", mergedId, command.Version, await command.DeciderAsync(session, mergedId, ct), StreamCommands.Everyone, ct);
    }
}
