using ActivityTracker.Access;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Reference;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Indicators.Defining;

/// <summary>Define a new indicator. Properties are nullable so that a missing one is reported by name.</summary>
/// <param name="Code">2 to 40 lower-case letters, digits or hyphens (stored lower case), e.g. <c>jobfair-hired</c>.</param>
/// <param name="NameEn">English name, at most 200 characters.</param>
/// <param name="NameEs">Spanish name, at most 200 characters.</param>
/// <param name="Unit">What one counts, e.g. <c>people</c>, at most 50 characters.</param>
/// <param name="Aggregation">How figures of many activities combine: Sum, MaximumPerLocation or Latest for a count; WeightedMean or Latest for a percentage or average.</param>
/// <param name="Breakdowns">Dimensions figures are split by (Sex, Age, Country); omit for none.</param>
/// <param name="Kinds">Activity-kind codes it applies to (<c>GET /api/reference/activity-kinds</c>); omit or leave empty for any kind.</param>
/// <param name="Measure">Count (the default), Percentage or Average; a percentage or average is combined by WeightedMean or Latest.</param>
/// <param name="Per">For a percentage, what it is a percentage of (<c>people interviewed</c>); for an average, what it is per (<c>day</c>); at most 50 characters.</param>
public sealed record DefineIndicator(
    string? Code,
    string? NameEn,
    string? NameEs,
    string? Unit,
    AggregationRule? Aggregation,
    IReadOnlyList<Breakdown>? Breakdowns,
    IReadOnlyList<string?>? Kinds,
    IndicatorMeasure? Measure = null,
    string? Per = null)
{
    /// <summary>The whole rule: a definition needs no current state (a taken code is the store's answer).</summary>
    public Decision Decide(IReadOnlyDictionary<string, NamedCode> kinds) => Decision.Check(Check(kinds), () => [Defined(kinds)]);

    /// <summary>The bad fields, for a form's messages as the administrator types.</summary>
    public FieldErrors Check(IReadOnlyDictionary<string, NamedCode> kinds) => new FieldErrors()
        .RequireCode("code", Code, IndicatorDefinition.CodePattern, IndicatorDefinition.Canonical, Messages.Text("What_IndicatorCode"), IndicatorDefinition.CodeShape)
        .CheckNamesAndUnit(NameEn, NameEs, Unit, required: true)
        .CheckAggregation(Aggregation, required: true)
        .CheckBreakdowns(Breakdowns)
        .CheckMeasure(Measure ?? IndicatorMeasure.Count, FieldRules.TrimToNull(Per), Aggregation, Breakdowns)
        .CheckKinds(Kinds, kinds);

    string CanonicalCode => IndicatorDefinition.Canonical(Code!);

    /// <summary>The event for a command that passed <see cref="Check"/>: trimmed text, canonical codes.</summary>
    IndicatorDefined Defined(IReadOnlyDictionary<string, NamedCode> kinds) => new(
        IndicatorDefinition.IdFor(CanonicalCode),
        CanonicalCode,
        NameEn!.Trim(),
        NameEs!.Trim(),
        Unit!.Trim(),
        Aggregation!.Value,
        Breakdowns ?? [],
        IndicatorRules.CanonicalKinds(Kinds, kinds),
        Measure ?? IndicatorMeasure.Count,
        FieldRules.TrimToNull(Per));
}

public static class DefineIndicatorEndpoint
{
    /// <summary>Defines a new indicator as the first event of the stream named by its code; 409 when the code is taken.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/indicators", Name = "DefineIndicator"), Tags("Indicators")]
    [StartsStream]
    public static async Task<IResult> Post(DefineIndicator command, ReferenceData reference, IDocumentSession session, CancellationToken ct) =>
        await session.RegisterAsync<IndicatorDefinition>("indicator", command.Decide(await KindList.LoadAsync(session, reference, ct)), "/api/indicators", ct);
}
