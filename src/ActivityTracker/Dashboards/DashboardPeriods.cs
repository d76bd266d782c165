using System.Globalization;
using JasperFx.Events;
using Marten;

namespace ActivityTracker.Dashboards;

/// <summary>
/// The months the <see cref="DashboardProjection"/> has processed events in, each with the sequence of its first event,
/// so that time travel can read the tallies as they stood when a month began (<see cref="PastTallies"/>) and fold only
/// the events since. A month is the month of an event's timestamp, never earlier than the month before it: an event
/// stamped earlier than the month the projection is in (a clock behind another, a history loaded out of order) is
/// <em>late</em> and kept as a <see cref="LateEvent"/>, for as-of reads to find. So every event before the start of a
/// month was stamped before that month began.
/// </summary>
public sealed class DashboardPeriods
{
    public const string DocumentId = "periods";

    public string Id { get; set; } = DocumentId;

    /// <summary>Whether the months were recorded from the first event on (a rebuild, or a new store); else older tallies are not known by month.</summary>
    public bool FromStart { get; set; }

    /// <summary>Each month the projection has processed events in, with its first event's sequence, in order.</summary>
    public List<PeriodStart> Starts { get; set; } = [];

    public sealed record PeriodStart(string Period, long Sequence);

    /// <summary>The month the projection is in; null before its first event.</summary>
    public string? Current => Starts.Count == 0 ? null : Starts[^1].Period;

    public static string MonthOf(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Events of one batch in one month, in order; <see cref="Late"/> those among them stamped in an earlier month.</summary>
    public sealed record Run(string Period, IReadOnlyList<IEvent> Events, IReadOnlyList<IEvent> Late);

    /// <summary>Cuts a batch where a new month starts, recording each start: the batch's runs, in order.</summary>
    public IReadOnlyList<Run> Split(IReadOnlyList<IEvent> events)
    {
        var runs = new List<Run>();
        List<IEvent>? run = null;
        List<IEvent> late = [];
        foreach (var e in events)
        {
            var month = MonthOf(e.Timestamp);
            if (Current is null || string.CompareOrdinal(month, Current) > 0)
            {
                if (run is not null)
                    runs.Add(new Run(Current!, run, late));
                Starts.Add(new PeriodStart(month, e.Sequence));
                (run, late) = ([], []);
            }
            run ??= [];
            run.Add(e);
            if (string.CompareOrdinal(month, Current) < 0)
                late.Add(e);
        }
        if (run is not null)
            runs.Add(new Run(Current!, run, late));
        return runs;
    }

    /// <summary>
    /// How to read the dashboards as of an instant: the tallies as they stood before month <see cref="TimeTravel.Before"/> began
    /// (every event before <see cref="TimeTravel.FirstSequence"/>, all stamped before the instant), and the events since that are
    /// stamped no later than the instant: those up to <see cref="TimeTravel.NextSequence"/> (the next month's first; none: to the
    /// end), and the late ones after it. Null when the months do not reach back far enough (recorded after older events).
    /// </summary>
    public TimeTravel? PlanFor(DateTimeOffset asOf)
    {
        if (Current is not { } current)
            return null;
        var month = MonthOf(asOf);
        if (!FromStart && string.CompareOrdinal(month, Starts[0].Period) <= 0)
            return null;
        // The projection's current month is still open: read from its start.
        var before = string.CompareOrdinal(month, current) < 0 ? month : current;
        var first = Starts.First(s => string.CompareOrdinal(s.Period, before) >= 0).Sequence;
        var next = Starts.FirstOrDefault(s => string.CompareOrdinal(s.Period, before) > 0)?.Sequence;
        return new TimeTravel(asOf, before, first, next);
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
