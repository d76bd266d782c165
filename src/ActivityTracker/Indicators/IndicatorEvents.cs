using ActivityTracker.Commands;

namespace ActivityTracker.Indicators;

// Events of an indicator's stream: business facts only; who and when come from Marten's metadata.

/// <summary>An indicator was defined: the first event of its stream.</summary>
public sealed record IndicatorDefined(
    Guid IndicatorId,
    string Code,
    string NameEn,
    string NameEs,
    string Unit,
    AggregationRule Aggregation,
    IReadOnlyList<Breakdown> Breakdowns,
    IReadOnlyList<string> Kinds,
    IndicatorMeasure Measure = IndicatorMeasure.Count,
    string? Per = null) : IRegistration
{
    Guid IRegistration.StreamId => IndicatorId;
}

/// <summary>
/// The definition was revised; it carries the whole definition as it now stands. The reason
/// is required when the aggregation rule or the measure changed, since figures already reported then add up differently.
/// </summary>
public sealed record IndicatorRevised(
    string NameEn,
    string NameEs,
    string Unit,
    AggregationRule Aggregation,
    IReadOnlyList<Breakdown> Breakdowns,
    IReadOnlyList<string> Kinds,
    string? Reason,
    IndicatorMeasure Measure = IndicatorMeasure.Count,
    string? Per = null);
