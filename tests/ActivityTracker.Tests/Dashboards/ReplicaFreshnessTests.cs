using ActivityTracker.Dashboards.Reads;

namespace ActivityTracker.Tests.Dashboards;

public class ReplicaFreshnessTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_replica_that_replayed_all_of_an_idle_primary_is_fresh_as_of_the_latest_sample()
    {
        var freshness = new ReplicaFreshness();
        for (var i = 0; i < 10; i++)
            freshness.PrimaryAt(T0.AddSeconds(i), 1000);

        // However long ago the last write was, nothing is missing: fresh as of the last sample.
        Assert.Equal(T0.AddSeconds(9), freshness.FreshAsOf(1000));
    }

    [Fact]
    public void a_lagging_replica_is_as_fresh_as_the_primary_was_at_the_newest_position_it_has_reached()
    {
        var freshness = new ReplicaFreshness();
        freshness.PrimaryAt(T0, 100);
        freshness.PrimaryAt(T0.AddSeconds(1), 200);
        freshness.PrimaryAt(T0.AddSeconds(2), 300);

        Assert.Equal(T0.AddSeconds(1), freshness.FreshAsOf(250)); // has everything up to 200, not all of 300
        Assert.Equal(T0.AddSeconds(2), freshness.FreshAsOf(300));
        Assert.Equal(T0, freshness.FreshAsOf(100));
        Assert.Null(freshness.FreshAsOf(99)); // behind every sample kept: unknown, not fresh
    }

    [Fact]
    public void positions_older_than_the_history_are_forgotten()
    {
        var freshness = new ReplicaFreshness();
        freshness.PrimaryAt(T0, 100);
        freshness.PrimaryAt(T0 + ReplicaFreshness.History + TimeSpan.FromSeconds(1), 200);

        Assert.Null(freshness.FreshAsOf(150));
        Assert.Null(new ReplicaFreshness().FreshAsOf(1000)); // nothing sampled yet
    }
}
