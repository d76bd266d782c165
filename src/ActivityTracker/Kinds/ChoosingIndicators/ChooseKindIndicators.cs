using ActivityTracker.Access;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Indicators;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Kinds.ChoosingIndicators;

/// <summary>Say which indicators apply to an activity kind: the whole list, those left out stop applying to it.</summary>
/// <param name="Version">The version of the kind you last read (optimistic concurrency).</param>
/// <param name="Indicators">Codes of the indicators that apply to it (<c>GET /api/indicators</c>). An indicator for any kind that
/// is left out becomes one for every other kind there is now; one that applies to this kind only cannot be left out.</param>
public sealed record ChooseKindIndicators(long? Version, IReadOnlyList<string?>? Indicators)
{
    /// <summary>The whole rule: the revisions of the indicators whose kinds change, at least one. Nothing is appended to the kind.</summary>
    /// <param name="indicators">Every indicator.</param>
    /// <param name="kinds">Every kind there is (<see cref="KindList.LoadAsync"/>).</param>
    public (Decision Kind, IReadOnlyList<IndicatorChange> Indicators) Decide(ActivityKindDetails kind,
        IReadOnlyCollection<IndicatorDefinition> indicators, IReadOnlyDictionary<string, NamedCode> kinds)
    {
        if (Indicators is null)
            return (new Decision.Invalid(new FieldErrors().Add("indicators", Messages.Text("KindIndicators_Required"))), []);
        var errors = new FieldErrors();
        var changes = KindIndicators.Changes(errors, kind.Code, Indicators, true, indicators, kinds);
        if (!errors.IsEmpty)
            return (new Decision.Invalid(errors), []);
        return changes.Count == 0
            ? (Decision.Refuse(Messages.Text("KindIndicators_ChangeNothing", kind.Code)), [])
            : (Decision.Append(), changes);
    }

    /// <summary>
    /// The one handler, behind <c>POST /api/activity-kinds/{code}/indicators</c> and the admin page: the kind at the version the
    /// administrator read, the indicators and kinds as stored now; the revisions are committed together.
    /// </summary>
    public async Task<CommandOutcome> ApplyAsync(IDocumentSession session, ReferenceData codes, Guid kindId, long version, CancellationToken ct)
    {
        var indicators = await session.Query<IndicatorDefinition>().ToListAsync(ct);
        var kinds = await KindList.LoadAsync(session, codes, ct);
        IReadOnlyList<IndicatorChange> changes = [];
        var outcome = await session.ApplyAsync<ActivityKindDetails>(kindId, version, kind =>
        {
            (var decision, changes) = Decide(kind, indicators, kinds);
            return decision;
        }, StreamCommands.Everyone, ct);
        if (outcome is CommandOutcome.Decided { Decision: Decision.Accepted })
            await KindIndicators.AppendAsync(session, changes, ct);
        return outcome;
    }
}

public static class ChooseKindIndicatorsEndpoint
{
    /// <summary>Sets which indicators apply to an activity kind, revising each indicator whose kinds change, in one transaction.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/activity-kinds/{code}/indicators", Name = "ChooseKindIndicators"), Tags("Activity kinds")]
    [StreamCommand]
    public static Task<IResult> Post(string code, ChooseKindIndicators command, ReferenceData codes, IDocumentSession session, CancellationToken ct)
    {
        var id = ActivityKindDetails.IdFor(code);
        return CommandAnswers.AnswerAsync("activity kind", id, command.Version, version => command.ApplyAsync(session, codes, id, version, ct));
    }
}
