using System.Diagnostics;
using Npgsql;

namespace ActivityTracker.Benchmarks.Harness;

/// <summary>How far an async projection of the app has got, read from Marten's own tables.</summary>
public static class ProjectionProgress
{
    /// <summary>
    /// Waits until the shard (e.g. <c>Dashboards:All</c>) has processed the highest event stored:
    /// reads after that see every event in the projection's documents.
    /// </summary>
    public static async Task WaitCaughtUpAsync(string connectionString, string shard, TimeSpan timeout)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var behind = data.CreateCommand(
            "SELECT (SELECT coalesce(max(seq_id), 0) FROM marten.mt_events) - coalesce((SELECT last_seq_id FROM marten.mt_event_progression WHERE name = $1), 0)");
        behind.Parameters.AddWithValue(shard);
        var watch = Stopwatch.StartNew();
        while (Convert.ToInt64(await behind.ExecuteScalarAsync()) > 0)
        {
            if (watch.Elapsed > timeout)
                throw new TimeoutException($"{shard} did not catch up with the event store within {timeout.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
