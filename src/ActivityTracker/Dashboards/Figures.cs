using ActivityTracker.Activities;
using ActivityTracker.Indicators;

namespace ActivityTracker.Dashboards;

public sealed record ReachCell(Sex? Sex, AgeBand? Age, long Count);

/// <param name="Value">The figure; null for a percentage or an average reported several times, none with a base: shown per activity.</param>
/// <param name="IsMinimum">A floor: at least one report it is made of gave "more than N", so it reads "≥ N".</param>
/// <param name="Reports">How many activities' reports it is made of.</param>
/// <param name="Weighed">A weighted mean: how many of the <paramref name="Reports"/> gave a base and make <paramref name="Value"/>.</param>
/// <param name="Base">A weighted mean: the sum of those reports' bases (the people a percentage is of, the days an average is over).</param>
/// <param name="Parts">The parts along defined breakdown dimensions of the reports it is made of: what those of a dimension
/// leave of <paramref name="Value"/> is not stated (<see cref="Part.ByDimension"/>).</param>
public sealed record OutcomeFigure(string IndicatorCode, AggregationRule Aggregation, decimal? Value, IReadOnlyList<OutcomeSplit> Breakdown,
    bool IsMinimum = false, int Reports = 0, int Weighed = 0, decimal? Base = null, IReadOnlyList<Part>? Parts = null)
{
    public IReadOnlyList<Part> Parts { get; init; } = Parts ?? [];
}

/// <summary>
/// The figures of a set of activities. A cancelled activity counts in <see cref="Cancelled"/> only: not in
/// <see cref="Activities"/>, its kinds and statuses (which add up to <see cref="Activities"/>), participants, reach or outcomes.
/// Participants and reach add the latest report of each activity; outcomes follow each indicator's aggregation rule.
/// A figure that adds a floor ("over 50") is a floor: <see cref="ParticipantsIsMinimum"/>, <see cref="OutcomeFigure.IsMinimum"/>.
/// </summary>
public sealed record Figures(
    int Activities,
    int Cancelled,
    long Participants,
    long UnaccompaniedMinors,
    IReadOnlyDictionary<string, int> ActivitiesByKind,
    IReadOnlyDictionary<string, int> ActivitiesByStatus,
    IReadOnlyList<ReachCell> Reach,
    IReadOnlyList<OutcomeFigure> Outcomes,
    bool ParticipantsIsMinimum = false,
    IReadOnlyList<Part>? ParticipantParts = null)
{
    /// <summary>The participants' parts along defined breakdown dimensions: what those of a dimension leave of <see cref="Participants"/> is not stated.</summary>
    public IReadOnlyList<Part> ParticipantParts { get; init; } = ParticipantParts ?? [];

    public static Figures Empty { get; } = Of([], new Dictionary<string, IndicatorDefinition>());

    /// <summary>The one implementation of the totals: materialized dashboards, filtered ones and time travel all call it.</summary>
    public static Figures Of(IEnumerable<ReportedActivity> activities, IReadOnlyDictionary<string, IndicatorDefinition> indicators) =>
        FiguresTally.Of(activities, indicators).ToFigures();

    /// <summary>The reports an indicator's figure is made of under its rule (provenance shows exactly these).</summary>
    public static IReadOnlyList<(ReportedActivity Activity, Activities.GettingDetails.OutcomeValue Outcome)> Contributing(
        AggregationRule rule, IReadOnlyList<(ReportedActivity Activity, Activities.GettingDetails.OutcomeValue Outcome)> reports) => rule switch
        {
            // The largest report at each place counts once: the same countries represented twice at one venue are not 2x.
            AggregationRule.MaximumPerLocation => reports
                .GroupBy(r => r.Activity.Activity.Location)
                .Select(place => place.Aggregate((counted, r) => FiguresTally.Counts(ReportOf(r), over: ReportOf(counted)) ? r : counted))
                .ToList(),
            // A running total: the report of the latest activity (by date, then by when it was reported) replaces the others.
            AggregationRule.Latest when reports.Count == 0 => [],
            AggregationRule.Latest => [reports.Aggregate((latest, r) => FiguresTally.IsLater(ReportOf(r), than: ReportOf(latest)) ? r : latest)],
            _ => reports.ToList(),
        };

    static FiguresTally.Report ReportOf((ReportedActivity Activity, Activities.GettingDetails.OutcomeValue Outcome) r) =>
        FiguresTally.ReportOf(r.Activity, r.Outcome);
}
