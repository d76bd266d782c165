using System.Diagnostics;
using ActivityTracker.Cluster;
using ActivityTracker.FaultTests.Infrastructure;
using ActivityTracker.Hosting;
using ActivityTracker.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ActivityTracker.FaultTests;

/// <summary>
/// Issue #9, 7: holes in the event sequence. A session that drew a sequence number and then sits
/// idle in its transaction, or an append that rolled back, leaves a hole below committed events.
/// The Dashboards projection's high-water mark must move past it within the configured bound
/// (<see cref="EventStore.StaleSequenceThreshold"/>) and must not skip any event: the idle owner
/// is ended by the server (<see cref="Database.IdleInTransactionTimeout"/>) before the mark moves.
/// </summary>
[Collection(FaultCollection.Name), Trait("Category", "Fault")]
public class ProjectionGapTests(FaultFixture fault)
{
    /// <summary>The daemon polls the high-water mark every second when quiet; the rest is a loaded 2-core machine.</summary>
    static readonly TimeSpan Bound = EventStore.StaleSequenceThreshold + TimeSpan.FromSeconds(6);

    /// <summary>A session as the app opens them: the app's own connection settings (idle_in_transaction_session_timeout included).</summary>
    NpgsqlConnection AppSession() => new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = fault.ConnectionString })
        .Build().PostgresConnectionString());

    [Fact]
    public async Task a_session_idle_in_its_transaction_is_ended_before_the_mark_moves_past_its_hole_and_no_event_is_skipped()
    {
        Assert.True(Database.IdleInTransactionTimeout < EventStore.StaleSequenceThreshold,
            "the server must end an idle owner of a hole before the daemon gives up waiting for it");
        await fault.Oracle.WaitForDashboardsAsync(TimeSpan.FromSeconds(60));

        await using var stuck = AppSession();
        await stuck.OpenAsync();
        var pid = await ScalarAsync<int>(stuck, "select pg_backend_pid()");
        await using var transaction = await stuck.BeginTransactionAsync();
        var hole = await ScalarAsync<long>(stuck, "select nextval('marten.mt_events_sequence')");

        var (above, recordedAt) = await RecordAboveAsync(hole);

        await WaitForMarkPastAsync(above, recordedAt);
        // The owner of the hole was already gone when the mark moved on: its number can never be committed.
        Assert.Equal(0L, await fault.Oracle.ScalarAsync<long>("select count(*) from pg_stat_activity where pid = $1", pid));
        // Its client learns it at its next command: the server's 25P03 (idle_in_transaction_session_timeout), or the closed connection.
        var ended = await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync<int>(stuck, "select 1"));
        if (ended is PostgresException postgres)
            Assert.Equal("25P03", postgres.SqlState);

        await AssertNothingSkippedAsync(hole);
    }

    [Fact]
    public async Task an_append_that_rolled_back_leaves_a_hole_the_mark_moves_past_within_the_bound()
    {
        await fault.Oracle.WaitForDashboardsAsync(TimeSpan.FromSeconds(60));

        long hole;
        await using (var session = AppSession())
        {
            await session.OpenAsync();
            await using var transaction = await session.BeginTransactionAsync();
            hole = await ScalarAsync<long>(session, "select nextval('marten.mt_events_sequence')");
            await transaction.RollbackAsync();
        }

        var (above, recordedAt) = await RecordAboveAsync(hole);

        await WaitForMarkPastAsync(above, recordedAt);
        await AssertNothingSkippedAsync(hole);
    }

    /// <summary>Records activities over HTTP, so committed events sit above the hole; answers the highest sequence and when.</summary>
    async Task<(long Highest, Stopwatch Since)> RecordAboveAsync(long hole)
    {
        for (var i = 0; i < 3; i++)
            await fault.Api.RecordAsync(SampleActivities.Meeting($"Above the hole {hole}, {i}", participants: 3));
        var since = Stopwatch.StartNew();
        var highest = await fault.Oracle.HighestSequenceAsync();
        Assert.True(highest > hole);
        return (highest, since);
    }

    async Task WaitForMarkPastAsync(long sequence, Stopwatch since)
    {
        while (await fault.Oracle.DashboardsProgressAsync() < sequence)
        {
            Assert.True(since.Elapsed < Bound,
                $"the Dashboards projection is at {await fault.Oracle.DashboardsProgressAsync()} (high-water mark {await fault.Oracle.HighWaterMarkAsync()}), " +
                $"{since.Elapsed.TotalSeconds:0.0} s after events up to {sequence} committed; the bound is {Bound.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The hole holds no event and every committed event is in the read models (a range the mark
    /// jumped, in mt_high_water_skips, is still read event by event: only the hole is passed over).
    /// </summary>
    async Task AssertNothingSkippedAsync(long hole)
    {
        Assert.Equal(0L, await fault.Oracle.ScalarAsync<long>("select count(*) from marten.mt_events where seq_id = $1", hole));
        await fault.Oracle.AssertReadModelsMatchEventsAsync();
    }

    static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
