using System.Globalization;
using JasperFx.Events;
using Marten;

namespace ActivityTracker.Dashboards;

/// <summary>
/// The periods the <see cref="DashboardProjection"/> has processed events in, each with the sequence of its first event,
/// so that time travel can read the tallies as they stood when a period began (<see cref="PastTallies"/>) and fold only
/// the events since. A period starts with each month (<c>2025-03</c>: the month of an event's timestamp, never earlier
/// than the one before it), and again within a month once a period holds a set number of events (<c>2025-03-10T08:15:00.123456Z</c>:
/// the timestamp of the first event of the new period, none processed before it stamped later), so the events an as-of
/// read folds are bounded by that number however densely a month is written, a bulk load included. A period's name is
/// its start, and names sort as their starts do. An event stamped earlier than the start of the period the projection
/// is in (a clock behind another, a history loaded out of order) is <em>late</em> and kept as a <see cref="LateEvent"/>,
/// for as-of reads to find. So every event before the start of a period was stamped no later than that start.
/// </summary>
public sealed class DashboardPeriods
{
    public const string DocumentId = "periods";

    /// <summary>How many events (by sequence) a period holds before the next one in order starts another within its month.</summary>
    public const long DefaultEventsPerPeriod = 5_000;

    public string Id { get; set; } = DocumentId;

    /// <summary>
    /// New each time the projection starts from nothing (a rebuild, a new store): a reader that kept figures from the tallies
    /// of another generation knows them gone (<see cref="DashboardProgress"/>). Empty in periods kept before it was.
    /// </summary>
    public Guid Generation { get; set; }

    /// <summary>Whether the months were recorded from the first event on (a rebuild, or a new store); else older tallies are not known by month.</summary>
    public bool FromStart { get; set; }

    /// <summary>
    /// Whether the rollups (<see cref="CubeRollup"/>) hold every activity: kept from the first event on. Tallies begun before the
    /// rollups were (an older store, until its projection is rebuilt) have none for older activities, so reads take every month from the cells.
    /// </summary>
    public bool Rollups { get; set; }

    /// <summary>Whether the partners' cells (<see cref="PartnerCell"/>) hold every activity, as <see cref="Rollups"/> says of the rollups.</summary>
    public bool PartnerCells { get; set; }

    /// <summary>Each period the projection has processed events in, with its first event's sequence, in order.</summary>
    public List<PeriodStart> Starts { get; set; } = [];

    /// <summary>The latest timestamp of the events processed: a period starting within a month starts no earlier.</summary>
    public DateTimeOffset? Latest { get; set; }

    public sealed record PeriodStart(string Period, long Sequence);

    /// <summary>The period the projection is in; null before its first event.</summary>
    public string? Current => Starts.Count == 0 ? null : Starts[^1].Period;

    public static string MonthOf(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>When a period (or a month) begins: the first instant of a month, or the instant a period within a month names.</summary>
    public static DateTimeOffset StartOf(string period) => period.Length == 7
        ? DateTimeOffset.ParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
        : DateTimeOffset.ParseExact(period, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Events of one batch in one period, in order; <see cref="Late"/> those among them stamped before the period began.</summary>
    public sealed record Run(string Period, IReadOnlyList<IEvent> Events, IReadOnlyList<IEvent> Late);

    /// <summary>
    /// Cuts a batch where a new period starts, recording each start: the batch's runs, in order. A period starts with each
    /// month, and within one at an event <paramref name="eventsPerPeriod"/> or more after the period's first that no event
    /// before it was stamped after (and later than the period's start, which a whole transaction shares).
    /// </summary>
    public IReadOnlyList<Run> Split(IReadOnlyList<IEvent> events, long eventsPerPeriod = DefaultEventsPerPeriod)
    {
        var runs = new List<Run>();
        List<IEvent>? run = null;
        List<IEvent> late = [];
        var start = Current is { } current ? StartOf(current) : default;
        foreach (var e in events)
        {
            var period = Current is null || string.CompareOrdinal(MonthOf(e.Timestamp), Current) > 0 ? MonthOf(e.Timestamp)
                : e.Sequence - Starts[^1].Sequence >= eventsPerPeriod && e.Timestamp >= Latest && e.Timestamp > start
                    ? e.Timestamp.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture)
                    : null;
            if (period is not null)
            {
                if (run is not null)
                    runs.Add(new Run(Current!, run, late));
                Starts.Add(new PeriodStart(period, e.Sequence));
                (run, late, start) = ([], [], StartOf(period));
            }
            run ??= [];
            run.Add(e);
            if (e.Timestamp < start)
                late.Add(e);
            if (Latest is null || e.Timestamp > Latest)
                Latest = e.Timestamp;
        }
        if (run is not null)
            runs.Add(new Run(Current!, run, late));
        return runs;
    }

    /// <summary>
    /// How to read the dashboards as of an instant: the tallies as they stood before period (or month) <see cref="TimeTravel.Before"/>
    /// began (every event before <see cref="TimeTravel.FirstSequence"/>, all stamped no later than the instant), and the events
    /// since that are stamped no later than the instant: those up to <see cref="TimeTravel.NextSequence"/> (the next period's
    /// first; none: to the end), and the late ones after it. Null when the periods do not reach back far enough (recorded after
    /// older events).
    /// </summary>
    public TimeTravel? PlanFor(DateTimeOffset asOf)
    {
        if (Current is null)
            return null;
        var month = MonthOf(asOf);
        // The last period begun by the instant; the projection's current one is still open: read from its start.
        var begun = Starts.FindLastIndex(s => StartOf(s.Period) <= asOf);
        var (before, first, next) =
            begun < 0 ? (month, Starts[0].Sequence, Starts[0].Sequence)
            : begun == Starts.Count - 1 ? (Starts[begun].Period, Starts[begun].Sequence, (long?)null)
            // A month without events of its own: the tallies before it are those after the last period begun.
            : string.CompareOrdinal(month, Starts[begun].Period) > 0 ? (month, Starts[begun + 1].Sequence, Starts[begun + 1].Sequence)
            : (Starts[begun].Period, Starts[begun].Sequence, Starts[begun + 1].Sequence);
        return !FromStart && string.CompareOrdinal(before, Starts[0].Period) <= 0 ? null : new TimeTravel(asOf, before, first, next);
    }

    /// <summary>
    /// A sequence before which every event was stamped before <paramref name="instant"/> (0 when the months kept do not say), so a
    /// search for the events stamped after it reads the primary key's range, not the whole store.
    /// </summary>
    public static async Task<long> StampedAfterFromAsync(IQuerySession session, DateTimeOffset instant, CancellationToken ct) =>
        await session.LoadAsync<DashboardPeriods>(DocumentId, ct) is { } periods && periods.PlanFor(instant) is { } plan ? plan.FirstSequence : 0;
}

/// <summary>See <see cref="DashboardPeriods.PlanFor"/>.</summary>
public sealed record TimeTravel(DateTimeOffset AsOf, string Before, long FirstSequence, long? NextSequence);

/// <summary>An event the projection processed in a later month than its timestamp's (<see cref="DashboardPeriods"/>).</summary>
public sealed class LateEvent
{
    /// <summary>The event's sequence.</summary>
    public long Id { get; set; }
    public Guid StreamId { get; set; }
    public DateTimeOffset Timestamp { get; set; }
}
