using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace ActivityTracker.Indicators;

// Indicators: what the programme measures (people hired, people returned, ...), how the
// figures of many activities add up, and how they are broken down. Each indicator is an
// event stream named by its code, because a definition changes over time and the figures
// reported under it must be read with the definition of their day.

/// <summary>How the figures of many activities combine into one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AggregationRule>))]
public enum AggregationRule
{
    /// <summary>Figures add up (people trained at two trainings).</summary>
    Sum,
    /// <summary>The largest figure reported at one location counts, so the same thing is not counted twice there (countries represented at a venue).</summary>
    MaximumPerLocation,
    /// <summary>The most recent figure replaces the earlier ones (a running total).</summary>
    Latest,
    /// <summary>
    /// Percentages and averages: never summed. The reports that give their base (34 % of 250 people, 120 a day over 31 days)
    /// combine as the mean weighted by it; without a base a figure is shown per activity, not made up.
    /// </summary>
    WeightedMean,
}

/// <summary>What one figure of an indicator is: a count, a percentage of something, or an average per something.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IndicatorMeasure>))]
public enum IndicatorMeasure
{
    /// <summary>A number of things (people trained): IATI measure 1, unit.</summary>
    Count,
    /// <summary>A percentage of what <see cref="IndicatorDefinition.Per"/> names (people interviewed): IATI measure 2.</summary>
    Percentage,
    /// <summary>A rate or average per what <see cref="IndicatorDefinition.Per"/> names (a day): IATI measure 1, unit, per that.</summary>
    Average,
}

/// <summary>A dimension an indicator's figures are split by (IATI result <c>dimension</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Breakdown>))]
public enum Breakdown
{
    Sex,
    Age,
    Country,
}

/// <summary>An indicator as currently defined, projected inline from its stream.</summary>
/// <param name="Code">Lower-case kebab code, e.g. <c>jobfair-hired</c>.</param>
/// <param name="Unit">What one counts, in English: people, businesses, job openings.</param>
/// <param name="Kinds">Activity-kind codes it applies to; empty means any kind.</param>
/// <param name="Measure">What a figure is; a percentage or an average is combined by <see cref="AggregationRule.WeightedMean"/> or <see cref="AggregationRule.Latest"/>.</param>
/// <param name="Per">A percentage's whole or an average's span, in English (<c>people interviewed</c>, <c>day</c>); null for a count.</param>
public sealed record IndicatorDefinition(
    Guid Id,
    string Code,
    string NameEn,
    string NameEs,
    string Unit,
    AggregationRule Aggregation,
    IReadOnlyList<Breakdown> Breakdowns,
    IReadOnlyList<string> Kinds,
    IndicatorMeasure Measure = IndicatorMeasure.Count,
    string? Per = null)
{
    public const int NameMaxLength = 200;
    public const int UnitMaxLength = 50;
    public const int PerMaxLength = 50;
    /// <summary>The most breakdowns and activity kinds a definition may list (FieldRules.LimitCount); each may be listed once anyway.</summary>
    public const int BreakdownsMax = 10;
    public const int KindsMax = 50;
    public static string CodeShape => Messages.Text("CodeShape_Indicator");

    /// <summary>The stream version this view reflects; clients send it back for optimistic concurrency.</summary>
    public long Version { get; set; }

    public static Guid IdFor(string code) => DeterministicId.For("indicator", code);

    public static Regex CodePattern { get; } = new("^[a-z0-9-]{2,40}$", RegexOptions.Compiled);

    /// <summary>The stored spelling of a code: trimmed, lower case.</summary>
    public static string Canonical(string code) => code.Trim().ToLowerInvariant();
}

public sealed class IndicatorDefinitionProjection : SingleStreamProjection<IndicatorDefinition, Guid>
{
    public static IndicatorDefinition Create(IEvent<IndicatorDefined> e) => new(
        e.StreamId, e.Data.Code, e.Data.NameEn, e.Data.NameEs, e.Data.Unit, e.Data.Aggregation, e.Data.Breakdowns, e.Data.Kinds,
        e.Data.Measure, e.Data.Per);

    public static IndicatorDefinition Apply(IndicatorRevised e, IndicatorDefinition indicator) => indicator with
    {
        NameEn = e.NameEn,
        NameEs = e.NameEs,
        Unit = e.Unit,
        Aggregation = e.Aggregation,
        Breakdowns = e.Breakdowns,
        Kinds = e.Kinds,
        Measure = e.Measure,
        Per = e.Per,
    };
}
