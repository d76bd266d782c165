using System.Diagnostics;
using ActivityTracker.FaultTests.Infrastructure;
using ActivityTracker.Testing;
using Xunit.Abstractions;

namespace ActivityTracker.FaultTests.Scale;

/// <summary>
/// Issue #10, 2: dashboard reads from a streaming replica stay correct while it lags. Replay is
/// paused on the replica (<c>pg_wal_replay_pause()</c>) while activities are recorded on the
/// primary. A node whose bound allows it keeps showing the replica's state: exactly the SQL
/// oracle over the replica's events, the whole state as of the pause, never part of a later one,
/// with the health entry's staleness growing. A node with the default bound (2 s) falls back to
/// the primary and shows the primary's oracle, and returns to the replica once replay caught up.
/// </summary>
[Collection(ReplicaCollection.Name), Trait("Category", "Fault")]
public class ReplicaTests(ReplicaFixture replica, ITestOutputHelper output)
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task a_node_within_its_bound_reads_the_replica_whole_as_of_the_pause_while_the_primary_moves_on()
    {
        var api = replica.Pinned;
        await RecordAsync(api, "before pause", 3);
        await replica.PrimaryOracle.WaitForDashboardsAsync(Within);
        await replica.ReplicaCaughtUpAsync(Within);
        await Poll.UntilAsync(async () => (string?)(await ReplicaFixture.ReadsHealthAsync(api))["data"]!["source"] == "replica", Within,
            () => "the pinned node did not read from the replica");

        await replica.PauseReplayAsync();
        // What the replica holds: its stored slices agree with its own events (one whole state of the primary).
        Oracle.None(await replica.ReplicaOracle.DashboardDifferencesAsync(), "replica slices that differ from the replica's events");
        var atPause = await replica.ReplicaOracle.TotalsAsync();
        Assert.Equal(atPause, await ReplicaFixture.DashboardTotalsAsync(api));
        var first = await ReplicaFixture.ReadsHealthAsync(api);

        // The primary moves on; every read in between shows the state at the pause, never part of the new one.
        for (var i = 0; i < 6; i++)
        {
            await RecordAsync(api, $"while paused {i}", 1);
            Assert.Equal(atPause, await ReplicaFixture.DashboardTotalsAsync(api));
        }
        await replica.PrimaryOracle.WaitForDashboardsAsync(Within);
        var primaryNow = await replica.PrimaryOracle.TotalsAsync();
        Assert.NotEqual(atPause, primaryNow); // else this test could not tell the replica from the primary
        Assert.Equal(atPause, await ReplicaFixture.DashboardTotalsAsync(api));

        // The health entry says so: still the replica, replay paused, staleness growing.
        await Poll.UntilAsync(async () =>
                (double)(await ReplicaFixture.ReadsHealthAsync(api))["data"]!["stalenessSeconds"]! >= (double)first["data"]!["stalenessSeconds"]! + 1,
            TimeSpan.FromSeconds(10), () => "the replica's staleness did not grow by a second");
        var later = await ReplicaFixture.ReadsHealthAsync(api);
        Assert.Equal("Healthy", (string?)later["status"]);
        Assert.Equal("replica", (string?)later["data"]!["source"]);
        Assert.True((bool)later["data"]!["replayPaused"]!, later.ToJsonString());

        // Replay resumed: the replica catches up and the node shows the primary's totals.
        await replica.ReplicaCaughtUpAsync(Within);
        await Poll.UntilAsync(async () => Same(primaryNow, await ReplicaFixture.DashboardTotalsAsync(api)), Within,
            () => "the pinned node did not show the primary's totals after replay resumed");
    }

    [Fact]
    public async Task a_node_with_the_default_bound_falls_back_to_the_primary_while_the_replica_lags_and_returns_after()
    {
        var api = replica.Bounded;
        await replica.ReplicaCaughtUpAsync(Within);
        await Poll.UntilAsync(async () => (string?)(await ReplicaFixture.ReadsHealthAsync(api))["data"]!["source"] == "replica", Within,
            () => "the bounded node did not read from the replica");

        await replica.PauseReplayAsync();
        var paused = Stopwatch.StartNew();
        var atPause = await replica.ReplicaOracle.TotalsAsync();
        await RecordAsync(api, "bounded while paused", 4);
        await replica.PrimaryOracle.WaitForDashboardsAsync(Within);
        var primaryNow = await replica.PrimaryOracle.TotalsAsync();
        Assert.NotEqual(atPause, primaryNow);

        // Past the bound the node reads the primary: Degraded, and its dashboards are the primary's oracle.
        await Poll.UntilAsync(async () => (string?)(await ReplicaFixture.ReadsHealthAsync(api))["data"]!["source"] == "primary", Within,
            () => "the bounded node did not fall back to the primary");
        var fellBack = await ReplicaFixture.ReadsHealthAsync(api);
        output.WriteLine($"fell back to the primary {paused.Elapsed.TotalSeconds:0.0} s after replay paused: {fellBack.ToJsonString()}");
        Assert.Equal("Degraded", (string?)fellBack["status"]);
        Assert.True((double)fellBack["data"]!["stalenessSeconds"]! > 2, fellBack.ToJsonString());
        var since = await replica.ReplicaOracle.ScalarAsync<DateTime>("select now()");
        Assert.Equal(primaryNow, await ReplicaFixture.DashboardTotalsAsync(api));
        Assert.Equal(0L, await SliceReadsOnReplicaSinceAsync(since)); // nor does the replica show one of those reads

        // Replay resumed and caught up: back to the replica, which now serves the node's dashboard reads again.
        since = await replica.ReplicaOracle.ScalarAsync<DateTime>("select now()");
        var resumed = Stopwatch.StartNew();
        await replica.ReplicaCaughtUpAsync(Within);
        await Poll.UntilAsync(async () => (string?)(await ReplicaFixture.ReadsHealthAsync(api))["data"]!["source"] == "replica", Within,
            () => "the bounded node did not return to the replica");
        output.WriteLine($"back on the replica {resumed.Elapsed.TotalSeconds:0.0} s after replay resumed");
        Assert.Equal("Healthy", (string?)(await ReplicaFixture.ReadsHealthAsync(api))["status"]);
        await Poll.UntilAsync(async () => Same(primaryNow, await ReplicaFixture.DashboardTotalsAsync(api)) && await SliceReadsOnReplicaSinceAsync(since) > 0,
            Within, () => "the bounded node's dashboard reads did not go to the replica again");
    }

    /// <summary>
    /// The bounded node's connections on the replica whose latest query, started after <paramref name="since"/>, read the
    /// dashboards' projection: its slices, their stored tallies, the cube's cells or its progress (all a read answered as
    /// kept reads, <see cref="ActivityTracker.Dashboards.DashboardReadCache"/>).
    /// </summary>
    Task<long> SliceReadsOnReplicaSinceAsync(DateTime since) => replica.ReplicaOracle.ScalarAsync<long>("""
        select count(*) from pg_stat_activity
        where application_name = $1 and query ~ 'mt_doc_(dashboardslice|slicetally|cubecell|dashboardperiods)' and query_start > $2
        """, ReplicaFixture.BoundedName, since);

    static bool Same(Dictionary<string, string> expected, Dictionary<string, string> actual) =>
        expected.Count == actual.Count && expected.All(e => actual.GetValueOrDefault(e.Key) == e.Value);

    static async Task RecordAsync(Api api, string run, int count)
    {
        for (var i = 0; i < count; i++)
            await api.RecordAsync(SampleActivities.Meeting($"replica {run} {i} {Guid.NewGuid():N}", participants: 7 + i, country: i % 2 == 0 ? "MX" : "GT"));
    }
}
