using ActivityTracker.Activities;
using ActivityTracker.Indicators;

namespace ActivityTracker.Dashboards;

/// <summary>
/// What the <see cref="DashboardProjection"/> keeps beside each <see cref="DashboardSlice"/> (same id)
/// so that a batch updates the slice from the activities it changed instead of reading every member
/// again: the running <see cref="FiguresTally"/> of all reported and of approved members, how many
/// members there are, and the members with the latest sequence numbers and event times (a few, so
/// the slice's latest sequence and time are known when one of them leaves). When a change cannot be
/// applied to the totals (<c>Change</c> says no), the projection recomputes the tally from the
/// members, as it did for every slice before; the slice is then the same either way.
/// </summary>
public sealed class SliceTally
{
    /// <summary>How many of the latest members are kept; all of them leaving in one batch costs a recompute.</summary>
    public const int Latest = 8;

    public string Id { get; set; } = "";
    /// <summary>The period it was last changed in (<see cref="DashboardPeriods"/>); empty when that is not known (kept before periods were).</summary>
    public string Since { get; set; } = "";
    public int Members { get; set; }
    public List<Marker> BySequence { get; set; } = [];
    public List<Marker> ByTime { get; set; } = [];
    public FiguresTally AllReported { get; set; } = new();
    public FiguresTally Approved { get; set; } = new();

    /// <summary>A member's latest sequence number and event time.</summary>
    public sealed record Marker(Guid ActivityId, long Sequence, DateTimeOffset At);

    public static SliceTally Of(string id, IReadOnlyCollection<ReportedActivity> members, IReadOnlyDictionary<string, IndicatorDefinition> indicators) => new()
    {
        Id = id,
        Members = members.Count,
        BySequence = [.. members.OrderByDescending(m => m.LastSequence).Take(Latest).Select(MarkerOf)],
        ByTime = [.. members.OrderByDescending(m => m.LastEventAt).Take(Latest).Select(MarkerOf)],
        AllReported = FiguresTally.Of(members, indicators),
        Approved = FiguresTally.Of(members.Where(IsApproved), indicators),
    };

    static Marker MarkerOf(ReportedActivity m) => new(m.Id, m.LastSequence, m.LastEventAt);

    static bool IsApproved(ReportedActivity m) => m.Activity.Review == ReviewState.Approved;

    /// <summary>One activity leaves (<paramref name="was"/>, null when it was not counted here) and joins as <paramref name="now"/> (null: it does not).</summary>
    public bool Change(ReportedActivity? was, ReportedActivity? now, IReadOnlyDictionary<string, IndicatorDefinition> indicators) => Change([(was, now)], indicators);

    /// <summary>
    /// Applies one batch: each activity it changed here, as it was counted (null when it was not) and as it is counted now
    /// (null: it no longer is). False when the totals cannot follow (the caller recomputes from the members).
    /// </summary>
    public bool Change(IEnumerable<(ReportedActivity? Was, ReportedActivity? Member)> changes, IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        var joined = new List<ReportedActivity>();
        foreach (var (was, member) in changes)
        {
            if (was is null && member is null)
                continue;
            Members += (member is null ? 0 : 1) - (was is null ? 0 : 1);
            if (!AllReported.Change(was, member, indicators)
                || !Approved.Change(was is not null && IsApproved(was) ? was : null, member is not null && IsApproved(member) ? member : null, indicators))
                return false;
            var id = (was ?? member)!.Id;
            BySequence.RemoveAll(m => m.ActivityId == id);
            ByTime.RemoveAll(m => m.ActivityId == id);
            if (member is not null)
                joined.Add(member);
        }
        // Every member left out of a list is no later than the list's last entry; when all listed ones
        // left while others remain, which is latest is not known here.
        if (Members > 0 && (BySequence.Count == 0 || ByTime.Count == 0) && Members > joined.Count)
            return false;
        BySequence = Keep(BySequence, joined, m => m.Sequence);
        ByTime = Keep(ByTime, joined, m => m.At);
        return true;
    }

    /// <summary>Whether every outcome was tallied by the rule its indicator has in <paramref name="indicators"/>.</summary>
    public bool TalliedBy(IReadOnlyDictionary<string, IndicatorDefinition> indicators) => AllReported.TalliedBy(indicators) && Approved.TalliedBy(indicators);

    /// <summary>The listed markers and those of the members that joined or changed, when they are at least as late as the list's last; the latest few.</summary>
    static List<Marker> Keep<T>(List<Marker> listed, List<ReportedActivity> joined, Func<Marker, T> by) where T : IComparable<T>
    {
        var candidates = joined.Select(MarkerOf);
        if (listed.Count > 0)
        {
            var last = listed.Select(by).Min()!;
            candidates = candidates.Where(m => by(m).CompareTo(last) >= 0);
        }
        return [.. listed.Concat(candidates).OrderByDescending(by).Take(Latest)];
    }

    /// <summary>
    /// Adds the members of another tally, a disjoint set (another cell of the cube): the tally of both sets together,
    /// as <see cref="Of"/> would make it from all their members (<see cref="FiguresTally.Merge"/>).
    /// </summary>
    public void Merge(SliceTally other)
    {
        Members += other.Members;
        BySequence = LatestOf(BySequence, other.BySequence, (a, b) => b.Sequence.CompareTo(a.Sequence));
        ByTime = LatestOf(ByTime, other.ByTime, (a, b) => b.At.CompareTo(a.At));
        AllReported.Merge(other.AllReported);
        Approved.Merge(other.Approved);
    }

    /// <summary>The latest few of two lists of markers (a read merges thousands of tallies: no LINQ pipeline per merge).</summary>
    static List<Marker> LatestOf(List<Marker> mine, List<Marker> others, Comparison<Marker> latestFirst)
    {
        if (others.Count == 0)
            return mine;
        var both = new List<Marker>(mine.Count + others.Count);
        both.AddRange(mine);
        both.AddRange(others);
        both.Sort(latestFirst);
        if (both.Count > Latest)
            both.RemoveRange(Latest, both.Count - Latest);
        return both;
    }

    /// <summary>The slice as <see cref="DashboardSlice.Of"/> makes it from the same members.</summary>
    public DashboardSlice ToSlice()
    {
        var colon = Id.IndexOf(':');
        return new DashboardSlice(Id, Id[..colon], Id[(colon + 1)..], AllReported.ToFigures(), Approved.ToFigures(),
            BySequence.Max(m => m.Sequence), ByTime.Max(m => m.At));
    }
}
