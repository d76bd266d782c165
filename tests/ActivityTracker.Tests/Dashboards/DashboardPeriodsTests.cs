using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using JasperFx.Events;

namespace ActivityTracker.Tests.Dashboards;

// The months the dashboards keep their tallies by: a batch is cut where a month starts, an event stamped before the month
// the projection is in is late, and a read as of an instant starts from the month it falls in (or the current one).
public class DashboardPeriodsTests
{
    static IEvent At(long sequence, int year, int month, int day)
    {
        var e = Event.AsEvent(new NoteAdded(Guid.Empty, "n"));
        e.Sequence = sequence;
        e.Timestamp = new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.Zero);
        return e;
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
