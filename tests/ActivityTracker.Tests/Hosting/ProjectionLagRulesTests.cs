using ActivityTracker.Projections;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActivityTracker.Tests.Hosting;

public class ProjectionLagRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    static ShardLag Lag(long processed, long highest, DateTimeOffset? oldestUnprocessedAt) =>
        ShardLag.Of("Dashboards:All", "Dashboards", processed, highest, oldestUnprocessedAt, Now);

    [Fact]
    public void a_shard_that_has_processed_the_highest_event_is_not_behind()
    {
        var lag = Lag(42, 42, null);

        Assert.Equal((0L, 0.0), (lag.LagEvents, lag.LagSeconds));
        Assert.Equal(HealthStatus.Healthy, ProjectionLagHealthCheck.StatusOf([lag], 60));
    }

    [Fact]
    public void the_lag_is_the_events_after_the_processed_sequence_and_the_age_of_the_first_of_them()
    {
        var lag = Lag(40, 45, Now.AddSeconds(-90.5));

        Assert.Equal((5L, 90.5), (lag.LagEvents, lag.LagSeconds));
        Assert.Equal(Now.AddSeconds(-90.5), lag.OldestUnprocessedAt);
    }

    [Fact]
    public void the_age_decides_not_the_count()
    {
        // One event waiting for two minutes is a stalled daemon; thousands written a second ago are a busy one.
        Assert.Equal(HealthStatus.Degraded, ProjectionLagHealthCheck.StatusOf([Lag(99, 100, Now.AddMinutes(-2))], 60));
        Assert.Equal(HealthStatus.Healthy, ProjectionLagHealthCheck.StatusOf([Lag(0, 5000, Now.AddSeconds(-1))], 60));
        Assert.Equal(HealthStatus.Healthy, ProjectionLagHealthCheck.StatusOf([Lag(99, 100, Now.AddSeconds(-60))], 60));
    }

    [Fact]
    public void one_stalled_shard_degrades_readiness()
    {
        Assert.Equal(HealthStatus.Degraded, ProjectionLagHealthCheck.StatusOf([Lag(100, 100, null), Lag(10, 100, Now.AddMinutes(-5))], 60));
    }

    [Fact]
    public void a_clock_behind_the_database_reads_no_negative_age()
    {
        Assert.Equal(0.0, Lag(1, 2, Now.AddSeconds(3)).LagSeconds);
        Assert.Equal(0L, Lag(12, 10, null).LagEvents);
    }
}
