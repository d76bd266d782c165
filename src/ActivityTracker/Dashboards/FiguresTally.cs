using System.Globalization;
using ActivityTracker.Activities;
using ActivityTracker.Indicators;

namespace ActivityTracker.Dashboards;

/// <summary>
/// The running totals behind one <see cref="Figures"/>: what a set of activities adds up to, kept
/// so that an activity can be added or taken out again without reading the others. Counts and sums
/// are kept exactly (with how many reports make each entry, so an entry disappears with its last
/// report). A <see cref="AggregationRule.MaximumPerLocation"/> figure keeps the largest report at each
/// place, a <see cref="AggregationRule.Latest"/> figure the latest report: taking out the report that
/// holds one of those cannot be undone from the totals, so <see cref="Change"/> then says no and the
/// caller recomputes from the members. <see cref="Figures.Of"/> is this tally filled with every
/// activity, so the materialized slices and every computed figure share one implementation.
/// </summary>
public sealed class FiguresTally
{
    public int Activities { get; set; }
    public long Participants { get; set; }
    /// <summary>How many of the counted participant totals are floors ("over 50"): while any is, the sum is a floor too.</summary>
    public int ParticipantMinimums { get; set; }
    public long UnaccompaniedMinors { get; set; }
    public Dictionary<string, int> ActivitiesByKind { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> ActivitiesByStatus { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Reach cells by <c>Sex|Age</c> (empty when not known).</summary>
    public Dictionary<string, Amount> Reach { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, OutcomeTally> Outcomes { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The participants' parts along defined dimensions, by <c>dimension|category</c>.</summary>
    public Dictionary<string, Amount> ParticipantParts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many entries make a total, and the total.</summary>
    public sealed class Amount
    {
        public int Entries { get; set; }
        public decimal Total { get; set; }
    }

    /// <summary>One report of an indicator by one activity, as a figure counts it.</summary>
    public sealed record Report(Guid ActivityId, decimal Value, IReadOnlyList<OutcomeSplit> Breakdown, string Place, DateOnly Date, long ReportedAt,
        bool IsMinimum = false, decimal? Base = null, IReadOnlyList<Part>? Parts = null)
    {
        /// <summary>Its parts along defined dimensions (none in cells stored before them, whose reports had none).</summary>
        public IReadOnlyList<Part> Parts { get; init; } = Parts ?? [];
    }

    /// <summary>An indicator's running figure under the rule it was tallied by.</summary>
    public sealed class OutcomeTally
    {
        public AggregationRule Rule { get; set; }
        public int Reports { get; set; }
        public decimal Sum { get; set; }
        /// <summary>Sum: how many of the reports added are floors ("more than 1,500"); while any is, the sum is a floor too.</summary>
        public int Minimums { get; set; }
        /// <summary>Sum: the breakdown's totals by <c>Dimension|Category</c>.</summary>
        public Dictionary<string, Amount> Splits { get; set; } = new(StringComparer.Ordinal);
        /// <summary>Sum: the parts' totals along defined dimensions by <c>dimension|category</c>.</summary>
        public Dictionary<string, Amount> Parts { get; set; } = new(StringComparer.Ordinal);
        /// <summary>MaximumPerLocation: the counted report at each place (<see cref="Counts"/>).</summary>
        public Dictionary<string, Report> ByPlace { get; set; } = new(StringComparer.Ordinal);
        /// <summary>Latest: the report of the latest-dated activity, then the latest reported.</summary>
        public Report? Latest { get; set; }
        /// <summary>WeightedMean: of the reports that gave a base, how many, the sum of value × base, the sum of the bases, and how many are floors.</summary>
        public int Weighed { get; set; }
        public decimal WeightedSum { get; set; }
        public decimal Bases { get; set; }
        public int WeighedMinimums { get; set; }
    }

    public static FiguresTally Of(IEnumerable<ReportedActivity> activities, IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        var tally = new FiguresTally();
        foreach (var activity in activities)
            tally.Add(activity, indicators);
        return tally;
    }

    public void Add(ReportedActivity member, IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        AddCounts(member, +1);
        foreach (var report in ReportsOf(member))
            AddReport(report, RuleOf(report.Indicator, indicators));
    }

    /// <summary>
    /// Replaces what <paramref name="before"/> added with what <paramref name="after"/> adds (either may be
    /// null: it joins or leaves). Reports that did not change stay as they are. False when a figure cannot
    /// be undone from the totals, or was tallied by another rule than the indicator's current one.
    /// </summary>
    public bool Change(ReportedActivity? before, ReportedActivity? after, IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        if (before is not null)
            AddCounts(before, -1);
        if (after is not null)
            AddCounts(after, +1);
        var old = before is null ? [] : ReportsOf(before).ToDictionary(r => r.Indicator, r => r.Report, StringComparer.Ordinal);
        var now = after is null ? [] : ReportsOf(after).ToDictionary(r => r.Indicator, r => r.Report, StringComparer.Ordinal);
        foreach (var (indicator, report) in old)
        {
            if (now.TryGetValue(indicator, out var same) && Unchanged(report, same))
                continue;
            if (!RemoveReport(indicator, report))
                return false;
        }
        foreach (var (indicator, report) in now)
        {
            if (old.TryGetValue(indicator, out var same) && Unchanged(same, report))
                continue;
            var rule = RuleOf(indicator, indicators);
            if (Outcomes.TryGetValue(indicator, out var tallied) && tallied.Rule != rule)
                return false;
            AddReport((indicator, report), rule);
        }
        return true;
    }

    /// <summary>Whether every outcome was tallied by the rule its indicator has in <paramref name="indicators"/>.</summary>
    public bool TalliedBy(IReadOnlyDictionary<string, IndicatorDefinition> indicators) =>
        Outcomes.All(o => o.Value.Rule == RuleOf(o.Key, indicators));

    /// <summary>The same report (the event that set it) at the same place and date counts the same.</summary>
    static bool Unchanged(Report a, Report b) => a.ReportedAt == b.ReportedAt && a.Place == b.Place && a.Date == b.Date && a.Value == b.Value
        && a.IsMinimum == b.IsMinimum && a.Base == b.Base;

    static AggregationRule RuleOf(string indicator, IReadOnlyDictionary<string, IndicatorDefinition> indicators) =>
        indicators.GetValueOrDefault(indicator)?.Aggregation ?? AggregationRule.Sum;

    static readonly string CancelledStatus = nameof(ActivityStatus.Cancelled);

    void AddCounts(ReportedActivity member, int sign)
    {
        var a = member.Activity;
        if (a.DuplicateOf is not null)
            return;
        Bump(ActivitiesByStatus, a.Status.ToString(), sign);
        if (a.IsCancelled)
            return;
        Activities += sign;
        Participants += sign * (long)(a.Participants?.Total ?? 0);
        if (a.Participants is { TotalIsMinimum: true })
            ParticipantMinimums += sign;
        UnaccompaniedMinors += sign * (long)(a.Participants?.UnaccompaniedMinors ?? 0);
        Bump(ActivitiesByKind, a.Kind, sign);
        foreach (var group in a.Participants?.Groups ?? [])
            Bump(Reach, $"{group.Sex}|{group.Age}", sign, group.Count);
        foreach (var part in a.Participants?.Parts ?? [])
            Bump(ParticipantParts, PartKey(part), sign, part.Value);
    }

    /// <summary>The reports a member's figures count: none while it is cancelled or marked a duplicate.</summary>
    static IEnumerable<(string Indicator, Report Report)> ReportsOf(ReportedActivity member)
    {
        if (member.Activity.IsCancelled || member.Activity.DuplicateOf is not null)
            yield break;
        foreach (var outcome in member.Activity.Outcomes)
            yield return (outcome.IndicatorCode, ReportOf(member, outcome));
    }

    /// <summary>
    /// One outcome of a member as a figure weighs it: its place, the activity's latest date, and the sequence of the
    /// event that reported it (a later note or review of the activity does not make its report newer).
    /// </summary>
    public static Report ReportOf(ReportedActivity member, Activities.GettingDetails.OutcomeValue outcome)
    {
        var a = member.Activity;
        return new Report(member.Id, outcome.Value, outcome.Breakdown, PlaceOf(a.Location),
            a.ActualEnd ?? a.ActualStart ?? a.PlannedEnd ?? a.PlannedStart ?? DateOnly.MinValue,
            member.OutcomeSequences.GetValueOrDefault(outcome.IndicatorCode, member.LastSequence), outcome.ValueIsMinimum, outcome.Base, outcome.Parts);
    }

    /// <summary>A place as <see cref="Location"/> compares them: every part of it.</summary>
    static string PlaceOf(Location l) => string.Create(CultureInfo.InvariantCulture,
        $"{l.CountryCode}|{l.Admin1}|{l.Place}|{l.Latitude?.ToString("R", CultureInfo.InvariantCulture)}|{l.Longitude?.ToString("R", CultureInfo.InvariantCulture)}");

    void AddReport((string Indicator, Report Report) r, AggregationRule rule)
    {
        if (!Outcomes.TryGetValue(r.Indicator, out var outcome))
            Outcomes[r.Indicator] = outcome = new OutcomeTally { Rule = rule };
        outcome.Reports++;
        switch (rule)
        {
            case AggregationRule.MaximumPerLocation:
                if (!outcome.ByPlace.TryGetValue(r.Report.Place, out var largest) || Counts(r.Report, over: largest))
                    outcome.ByPlace[r.Report.Place] = r.Report;
                break;
            case AggregationRule.Latest:
                if (outcome.Latest is not { } latest || IsLater(r.Report, than: latest))
                    outcome.Latest = r.Report;
                break;
            case AggregationRule.WeightedMean:
                Weigh(outcome, r.Report, +1);
                break;
            default:
                outcome.Sum += r.Report.Value;
                if (r.Report.IsMinimum)
                    outcome.Minimums++;
                foreach (var split in r.Report.Breakdown)
                    Bump(outcome.Splits, $"{split.Dimension}|{split.Category}", +1, split.Value);
                foreach (var part in r.Report.Parts)
                    Bump(outcome.Parts, PartKey(part), +1, part.Value);
                break;
        }
    }

    /// <summary>
    /// Adds (+1) or takes out (-1) a report of a percentage or an average. Every report counts in <see cref="OutcomeTally.Sum"/>
    /// (the figure of a single report without a base); those with a base also in the weighted sums.
    /// </summary>
    static void Weigh(OutcomeTally outcome, Report report, int sign)
    {
        outcome.Sum += sign * report.Value;
        if (report.IsMinimum)
            outcome.Minimums += sign;
        if (report.Base is not { } weight)
            return;
        outcome.Weighed += sign;
        outcome.WeightedSum += sign * report.Value * weight;
        outcome.Bases += sign * weight;
        if (report.IsMinimum)
            outcome.WeighedMinimums += sign;
    }

    /// <summary>
    /// Whether a report counts at its place instead of <paramref name="over"/>: the larger value, and of equal
    /// values the one reported first. It depends on the two reports only, not on the order they are met in, so a
    /// figure merged from cells (<see cref="Merge"/>) equals one tallied over the activities in any order.
    /// </summary>
    public static bool Counts(Report report, Report over) =>
        report.Value != over.Value ? report.Value > over.Value : (report.ReportedAt, report.ActivityId).CompareTo((over.ReportedAt, over.ActivityId)) < 0;

    /// <summary>The report of the latest-dated activity, then the latest reported.</summary>
    public static bool IsLater(Report report, Report than) =>
        (report.Date, report.ReportedAt, report.ActivityId).CompareTo((than.Date, than.ReportedAt, than.ActivityId)) > 0;

    /// <summary>
    /// Adds what <paramref name="other"/> tallied, a disjoint set of activities (another cell of the cube): counts
    /// and sums add, the largest report at each place and the latest report win. The result is the tally of both
    /// sets together; <paramref name="other"/> is left as it was.
    /// </summary>
    public void Merge(FiguresTally other)
    {
        Activities += other.Activities;
        Participants += other.Participants;
        ParticipantMinimums += other.ParticipantMinimums;
        UnaccompaniedMinors += other.UnaccompaniedMinors;
        foreach (var (kind, count) in other.ActivitiesByKind)
            Bump(ActivitiesByKind, kind, count);
        foreach (var (status, count) in other.ActivitiesByStatus)
            Bump(ActivitiesByStatus, status, count);
        foreach (var (cell, amount) in other.Reach)
            Add(Reach, cell, amount);
        foreach (var (part, amount) in other.ParticipantParts)
            Add(ParticipantParts, part, amount);
        foreach (var (indicator, theirs) in other.Outcomes)
        {
            if (!Outcomes.TryGetValue(indicator, out var outcome))
                Outcomes[indicator] = outcome = new OutcomeTally { Rule = theirs.Rule };
            outcome.Reports += theirs.Reports;
            outcome.Sum += theirs.Sum;
            outcome.Minimums += theirs.Minimums;
            outcome.Weighed += theirs.Weighed;
            outcome.WeightedSum += theirs.WeightedSum;
            outcome.Bases += theirs.Bases;
            outcome.WeighedMinimums += theirs.WeighedMinimums;
            foreach (var (split, amount) in theirs.Splits)
                Add(outcome.Splits, split, amount);
            foreach (var (part, amount) in theirs.Parts)
                Add(outcome.Parts, part, amount);
            foreach (var (place, report) in theirs.ByPlace)
                if (!outcome.ByPlace.TryGetValue(place, out var largest) || Counts(report, over: largest))
                    outcome.ByPlace[place] = report;
            if (theirs.Latest is { } latest && (outcome.Latest is null || IsLater(latest, than: outcome.Latest)))
                outcome.Latest = latest;
        }
    }

    static void Add(Dictionary<string, Amount> amounts, string key, Amount amount)
    {
        if (!amounts.TryGetValue(key, out var mine))
            amounts[key] = mine = new Amount();
        mine.Entries += amount.Entries;
        mine.Total += amount.Total;
    }

    bool RemoveReport(string indicator, Report report)
    {
        var outcome = Outcomes[indicator];
        if (--outcome.Reports == 0)
        {
            Outcomes.Remove(indicator);
            return true;
        }
        switch (outcome.Rule)
        {
            case AggregationRule.MaximumPerLocation:
                return outcome.ByPlace.GetValueOrDefault(report.Place)?.ActivityId != report.ActivityId;
            case AggregationRule.Latest:
                return outcome.Latest?.ActivityId != report.ActivityId;
            case AggregationRule.WeightedMean:
                Weigh(outcome, report, -1);
                return true;
            default:
                outcome.Sum -= report.Value;
                if (report.IsMinimum)
                    outcome.Minimums--;
                foreach (var split in report.Breakdown)
                    Bump(outcome.Splits, $"{split.Dimension}|{split.Category}", -1, split.Value);
                foreach (var part in report.Parts)
                    Bump(outcome.Parts, PartKey(part), -1, part.Value);
                return true;
        }
    }

    static void Bump(Dictionary<string, int> counts, string key, int by)
    {
        if ((counts[key] = counts.GetValueOrDefault(key) + by) == 0)
            counts.Remove(key);
    }

    static void Bump(Dictionary<string, Amount> amounts, string key, int sign, decimal value)
    {
        if (!amounts.TryGetValue(key, out var amount))
            amounts[key] = amount = new Amount();
        amount.Entries += sign;
        amount.Total += sign * value;
        if (amount.Entries == 0)
            amounts.Remove(key);
    }

    // The tally keeps cancelled activities by status too (a status slice is made of them); the figures count them apart.
    public Figures ToFigures() => new(
        Activities,
        ActivitiesByStatus.GetValueOrDefault(CancelledStatus),
        Participants,
        UnaccompaniedMinors,
        new SortedDictionary<string, int>(ActivitiesByKind, StringComparer.Ordinal),
        new SortedDictionary<string, int>(ActivitiesByStatus.Where(s => s.Key != CancelledStatus).ToDictionary(), StringComparer.Ordinal),
        Reach.Select(c => (Cell: Cell(c.Key), c.Value.Total))
            .OrderBy(c => c.Cell.Sex).ThenBy(c => c.Cell.Age)
            .Select(c => new ReachCell(c.Cell.Sex, c.Cell.Age, (long)c.Total))
            .ToList(),
        Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => FigureOf(o.Key, o.Value)).ToList(),
        ParticipantMinimums > 0,
        PartsOf(ParticipantParts.Select(p => (p.Key, p.Value.Total))));

    // A dimension's code has no '|' (its pattern), so the key splits back at the first one.
    static string PartKey(Part part) => $"{part.Dimension}|{part.Category}";

    static List<Part> PartsOf(IEnumerable<(string Key, decimal Total)> totals) => totals
        .Select(p => (Key: p.Key.Split('|', 2), p.Total))
        .Select(p => new Part(p.Key[0], p.Key[1], Normal(p.Total)))
        .OrderBy(p => p.Dimension, StringComparer.Ordinal).ThenBy(p => p.Category, StringComparer.Ordinal)
        .ToList();

    static (Sex? Sex, AgeBand? Age) Cell(string key)
    {
        var bar = key.IndexOf('|');
        return (bar == 0 ? null : Enum.Parse<Sex>(key[..bar]), bar == key.Length - 1 ? null : Enum.Parse<AgeBand>(key[(bar + 1)..]));
    }

    static OutcomeFigure FigureOf(string indicator, OutcomeTally outcome)
    {
        if (outcome.Rule == AggregationRule.WeightedMean)
            return MeanOf(indicator, outcome);
        var (value, splits, parts, minimum) = outcome.Rule switch
        {
            AggregationRule.MaximumPerLocation => (outcome.ByPlace.Values.Sum(r => r.Value), Splits(outcome.ByPlace.Values), Parts(outcome.ByPlace.Values),
                outcome.ByPlace.Values.Any(r => r.IsMinimum)),
            AggregationRule.Latest => (outcome.Latest!.Value, Splits([outcome.Latest]), Parts([outcome.Latest]), outcome.Latest.IsMinimum),
            _ => (outcome.Sum, outcome.Splits.Select(s => (Key: s.Key, s.Value.Total)), outcome.Parts.Select(p => (p.Key, p.Value.Total)), outcome.Minimums > 0),
        };
        var breakdown = splits
            .Select(s => (Split: s.Key.Split('|', 2), s.Total))
            .Select(s => new OutcomeSplit(Enum.Parse<Breakdown>(s.Split[0]), s.Split[1], Normal(s.Total)))
            .OrderBy(s => s.Dimension).ThenBy(s => s.Category, StringComparer.Ordinal)
            .ToList();
        return new OutcomeFigure(indicator, outcome.Rule, Normal(value), breakdown, minimum, outcome.Reports, Parts: PartsOf(parts));
    }

    /// <summary>
    /// A percentage or an average: the mean of the reports that gave a base, weighted by it (rounded to two decimals),
    /// saying how many of the reports it weighs; a lone report is its own figure; several without a base have no
    /// figure in common (<see cref="OutcomeFigure.Value"/> null: they are shown per activity).
    /// </summary>
    static OutcomeFigure MeanOf(string indicator, OutcomeTally outcome)
    {
        (decimal? Value, int Weighed, decimal? Bases, bool Minimum) mean = outcome switch
        {
            { Weighed: > 0, Bases: > 0 } => (Math.Round(outcome.WeightedSum / outcome.Bases, 2), outcome.Weighed, outcome.Bases, outcome.WeighedMinimums > 0),
            { Reports: 1 } => (outcome.Sum, 0, null, outcome.Minimums > 0),
            _ => (null, 0, null, false),
        };
        var (value, weighed, bases, minimum) = mean;
        return new OutcomeFigure(indicator, outcome.Rule, value is { } v ? Normal(v) : null, [], minimum, outcome.Reports, weighed,
            bases is { } b ? Normal(b) : null);
    }

    static IEnumerable<(string Key, decimal Total)> Splits(IEnumerable<Report> chosen) => chosen
        .SelectMany(r => r.Breakdown)
        .GroupBy(s => $"{s.Dimension}|{s.Category}", StringComparer.Ordinal)
        .Select(g => (g.Key, g.Sum(s => s.Value)));

    static IEnumerable<(string Key, decimal Total)> Parts(IEnumerable<Report> chosen) => chosen
        .SelectMany(r => r.Parts)
        .GroupBy(PartKey, StringComparer.Ordinal)
        .Select(g => (g.Key, g.Sum(p => p.Value)));

    /// <summary>A value without trailing zeros, so a total reached by adding and taking out reads as one added up afresh.</summary>
    static decimal Normal(decimal value) => value / 1.0000000000000000000000000000m;
}
