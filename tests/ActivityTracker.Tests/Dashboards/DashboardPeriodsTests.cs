using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using JasperFx.Events;

namespace ActivityTracker.Tests.Dashboards;

// The periods the dashboards keep their tallies by: a batch is cut where a month starts, and within a month where a period
// has held enough events; an event stamped before the period the projection is in is late, and a read as of an instant
// starts from the last period begun by then (or the current one).
public class DashboardPeriodsTests
{
    static IEvent At(long sequence, int year, int month, int day, int hour = 12)
    {
        var e = Event.AsEvent(new NoteAdded(Guid.Empty, "n"));
        e.Sequence = sequence;
        e.Timestamp = new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero);
        return e;
    }

    [Fact]
    public void a_month_dense_with_events_is_cut_into_periods_at_events_in_order_that_no_earlier_one_was_stamped_after()
    {
        var periods = new DashboardPeriods { FromStart = true };
        var runs = periods.Split([
            At(1, 2025, 3, 1), At(2, 2025, 3, 2), At(3, 2025, 3, 3),
            // Three events on from the period's first, but stamped before the latest one: no new period here.
            At(4, 2025, 3, 2, hour: 18),
            At(5, 2025, 3, 4), At(6, 2025, 3, 4),
            // Stamped before the period that began on the 4th: late.
            At(7, 2025, 3, 3, hour: 20),
            At(8, 2025, 3, 5), At(9, 2025, 4, 1),
        ], eventsPerPeriod: 3);

        Assert.Equal([
            ("2025-03", new long[] { 1, 2, 3, 4 }, Array.Empty<long>()),
            ("2025-03-04T12:00:00.000000Z", [5, 6, 7], [7]),
            ("2025-03-05T12:00:00.000000Z", [8], []),
            ("2025-04", [9], []),
        ], runs.Select(r => (r.Period, r.Events.Select(e => e.Sequence).ToArray(), r.Late.Select(e => e.Sequence).ToArray())));
        // Names sort as their starts do.
        Assert.Equal(periods.Starts.Select(s => s.Period).Order(StringComparer.Ordinal), periods.Starts.Select(s => s.Period));
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 12, 0, 0, TimeSpan.Zero), DashboardPeriods.StartOf("2025-03-04T12:00:00.000000Z"));

        // As of the 4th at 18:00: the tallies as the period of the 4th began, and its events since.
        Assert.Equal(new TimeTravel(Instant(2025, 3, 4).AddHours(18), "2025-03-04T12:00:00.000000Z", 5, 8), periods.PlanFor(Instant(2025, 3, 4).AddHours(18)));
        // As of the 4th at 06:00, before it began: from the month's start.
        Assert.Equal(new TimeTravel(Instant(2025, 3, 4).AddHours(6), "2025-03", 1, 5), periods.PlanFor(Instant(2025, 3, 4).AddHours(6)));
        // As of the 20th: from the last period begun, the 5th, to April's first.
        Assert.Equal(new TimeTravel(Instant(2025, 3, 20), "2025-03-05T12:00:00.000000Z", 8, 9), periods.PlanFor(Instant(2025, 3, 20)));
    }

    [Fact]
    public void events_sharing_one_stamp_start_one_period_at_most_however_many()
    {
        // One transaction's events share its stamp: a period starting at that stamp is the last one they can start.
        var periods = new DashboardPeriods { FromStart = true };
        var runs = periods.Split([.. Enumerable.Range(1, 10).Select(i => At(i, 2025, 3, 4))], eventsPerPeriod: 3);

        Assert.Equal(["2025-03", "2025-03-04T12:00:00.000000Z"], runs.Select(r => r.Period));
        Assert.All(runs, r => Assert.Empty(r.Late));
    }

    [Fact]
    public void a_batch_is_cut_where_a_month_starts_and_an_event_stamped_before_its_month_is_late()
    {
        var periods = new DashboardPeriods { FromStart = true };
        var runs = periods.Split([At(1, 2025, 1, 5), At(2, 2025, 1, 30), At(3, 2025, 3, 1), At(4, 2025, 2, 27), At(5, 2025, 3, 2)]);

        Assert.Equal([("2025-01", new long[] { 1, 2 }, Array.Empty<long>()), ("2025-03", [3, 4, 5], [4])],
            runs.Select(r => (r.Period, r.Events.Select(e => e.Sequence).ToArray(), r.Late.Select(e => e.Sequence).ToArray())));
        Assert.Equal([new("2025-01", 1), new DashboardPeriods.PeriodStart("2025-03", 3)], periods.Starts);

        // The next batch goes on in March, then starts April; one stamped in January is late.
        var next = periods.Split([At(6, 2025, 3, 20), At(7, 2025, 4, 1), At(8, 2025, 1, 2)]);
        Assert.Equal([("2025-03", 0), ("2025-04", 1)], next.Select(r => (r.Period, r.Late.Count)));
        Assert.Equal("2025-04", periods.Current);
    }

    [Fact]
    public void as_of_an_instant_the_tallies_are_read_as_they_stood_when_its_month_began()
    {
        var periods = new DashboardPeriods { FromStart = true };
        periods.Split([At(1, 2025, 1, 5), At(3, 2025, 3, 1), At(7, 2025, 4, 1)]);

        // February had no events: read as March began, the events from March's first on.
        Assert.Equal(new TimeTravel(Instant(2025, 2, 10), "2025-02", 3, 3), periods.PlanFor(Instant(2025, 2, 10)));
        Assert.Equal(new TimeTravel(Instant(2025, 3, 10), "2025-03", 3, 7), periods.PlanFor(Instant(2025, 3, 10)));
        // The current month, or later: from the current month's start to the end.
        Assert.Equal(new TimeTravel(Instant(2025, 9, 1), "2025-04", 7, null), periods.PlanFor(Instant(2025, 9, 1)));
        // Before everything: nothing held, the events from the first on.
        Assert.Equal(new TimeTravel(Instant(2024, 5, 1), "2024-05", 1, 1), periods.PlanFor(Instant(2024, 5, 1)));
        // Months recorded only after older events: nothing before them is known by month.
        var late = new DashboardPeriods { FromStart = false, Starts = periods.Starts };
        Assert.Null(late.PlanFor(Instant(2025, 1, 20)));
        Assert.NotNull(late.PlanFor(Instant(2025, 3, 20)));
        Assert.Null(new DashboardPeriods().PlanFor(Instant(2025, 3, 20)));
    }

    static DateTimeOffset Instant(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}
