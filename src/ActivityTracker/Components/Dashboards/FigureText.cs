using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Indicators;

namespace ActivityTracker.Components.Dashboards;

/// <summary>
/// A figure as the report gave it: a floor ("more than 1,500") reads "≥ 1,500", and a figure that adds a floor is one
/// too. Decimals only when the value has them (a rate of 12.5); digits grouped in the user's culture.
/// </summary>
public static class FigureText
{
    public static string Of(decimal value, bool isMinimum) => (isMinimum ? "≥ " : "") + value.ToString("#,0.##");

    /// <summary>A value of <paramref name="indicator"/>: "34 %" for a percentage, "120 / day" for an average.</summary>
    public static string Of(decimal value, bool isMinimum, IndicatorDefinition? indicator) =>
        indicator is null || indicator.Measure == IndicatorMeasure.Count ? Of(value, isMinimum) : $"{Of(value, isMinimum)} {MeasureSuffix(indicator)}";

    /// <summary>What follows a percentage's or an average's number: "%" or "/ day"; nothing for a count.</summary>
    public static string MeasureSuffix(IndicatorDefinition indicator) => indicator.Measure switch
    {
        IndicatorMeasure.Percentage => "%",
        IndicatorMeasure.Average => $"/ {indicator.Per}",
        _ => "",
    };

    /// <summary>An activity's participants; null when it reported none.</summary>
    public static string? Of(ParticipantsReport? report) => report is null ? null : Of(report.Total, report.TotalIsMinimum);
}
