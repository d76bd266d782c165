using ActivityTracker.Access;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Reference;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Indicators.Revising;

/// <summary>Revise an indicator's definition. Leave out what does not change; a list sent replaces the list.</summary>
/// <param name="Version">The version of the indicator you last read (optimistic concurrency).</param>
/// <param name="Aggregation">A new aggregation rule; changing it requires a <paramref name="Reason"/>.</param>
/// <param name="Kinds">Activity-kind codes it applies to; an empty list means any kind.</param>
/// <param name="Reason">Why it changed, at most 500 characters; required when the aggregation rule or the measure changes.</param>
/// <param name="Measure">A new measure (Count, Percentage, Average); changing it requires a <paramref name="Reason"/>.</param>
/// <param name="Per">What a percentage is of or an average per; a count has none.</param>
public sealed record ReviseIndicator(
    long? Version,
    string? NameEn,
    string? NameEs,
    string? Unit,
    AggregationRule? Aggregation,
    IReadOnlyList<Breakdown>? Breakdowns,
    IReadOnlyList<string?>? Kinds,
    string? Reason,
    IndicatorMeasure? Measure = null,
    string? Per = null)
{
    /// <summary>The rules that need no current state.</summary>
    public FieldErrors Check(IReadOnlyDictionary<string, NamedCode> kinds) => new FieldErrors()
        .CheckNamesAndUnit(NameEn, NameEs, Unit, required: false)
        .CheckAggregation(Aggregation, required: false)
        .When(Measure is { } m && !Enum.IsDefined(m), "measure", Messages.Text("NotAMeasure", (int?)Measure, string.Join(", ", Enum.GetNames<IndicatorMeasure>())))
        .LimitText("per", Per, IndicatorDefinition.PerMaxLength, Messages.Text("What_Per"))
        .CheckBreakdowns(Breakdowns)
        .CheckKinds(Kinds, kinds)
        .LimitText("reason", Reason, FieldRules.ReasonMaxLength, Messages.Text("What_Reason"));

    /// <summary>The whole rule: the definition after the revision, which must change something.</summary>
    /// <param name="kinds">Every activity kind there is, as the store has them (<c>KindList.LoadAsync</c>).</param>
    public Decision Decide(IndicatorDefinition current, IReadOnlyDictionary<string, NamedCode> kinds)
    {
        var errors = Check(kinds);
        if (!errors.IsEmpty)
            return new Decision.Invalid(errors);

        // A count is per nothing: the whole of a percentage is dropped with it, and kept while the measure stays.
        var measure = Measure ?? current.Measure;
        var per = FieldRules.TrimToNull(Per) ?? (measure == IndicatorMeasure.Count ? null : current.Per);
        var revised = new IndicatorRevised(
            NameEn?.Trim() ?? current.NameEn,
            NameEs?.Trim() ?? current.NameEs,
            Unit?.Trim() ?? current.Unit,
            Aggregation ?? current.Aggregation,
            Breakdowns ?? current.Breakdowns,
            Kinds is null ? current.Kinds : IndicatorRules.CanonicalKinds(Kinds, kinds),
            FieldRules.TrimToNull(Reason),
            measure,
            per);

        var stands = new FieldErrors().CheckMeasure(revised.Measure, revised.Per, revised.Aggregation, revised.Breakdowns);
        if (!stands.IsEmpty)
            return new Decision.Invalid(stands);
        if (revised.Aggregation != current.Aggregation && revised.Reason is null)
            return new Decision.Invalid(new FieldErrors().Add("reason",
                Messages.Text("AggregationChangeReason", current.Aggregation, revised.Aggregation)));
        if (revised.Measure != current.Measure && revised.Reason is null)
            return new Decision.Invalid(new FieldErrors().Add("reason",
                Messages.Text("MeasureChangeReason", current.Measure, revised.Measure)));

        var unchanged = revised.NameEn == current.NameEn && revised.NameEs == current.NameEs && revised.Unit == current.Unit
                        && revised.Aggregation == current.Aggregation && revised.Breakdowns.SequenceEqual(current.Breakdowns)
                        && revised.Kinds.SequenceEqual(current.Kinds) && revised.Measure == current.Measure && revised.Per == current.Per;
        return unchanged
            ? Decision.Refuse(Messages.Text("RevisionChangesNothing", current.Code))
            : Decision.Append(revised);
    }
}

public static class ReviseIndicatorEndpoint
{
    /// <summary>Revises an indicator's names, unit, aggregation rule (with a reason), breakdowns or activity kinds.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/indicators/{code}/revise", Name = "ReviseIndicator"), Tags("Indicators")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(string code, ReviseIndicator command, ReferenceData reference, IDocumentSession session, CancellationToken ct)
    {
        var kinds = await KindList.LoadAsync(session, reference, ct);
        return await session.DecideAsync<IndicatorDefinition>("indicator", IndicatorDefinition.IdFor(code), command.Version,
            indicator => command.Decide(indicator, kinds), StreamCommands.Everyone, ct);
    }
}
