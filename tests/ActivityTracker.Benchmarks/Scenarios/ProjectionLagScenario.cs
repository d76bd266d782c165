using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ActivityTracker.Benchmarks.Harness;
using Npgsql;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P4: how long after a write is acknowledged the dashboards show it, at a sustained rate of
/// events. Activities are recorded over HTTP at the rate that makes <see cref="Sizes.LagRate"/>
/// events a second (open loop: a slow answer does not slow the writer down); a watcher polls the
/// async projection's per-activity documents every 10 ms and takes, for each activity, the time
/// from its 201 to its document. Skips: the daemon jumping a gap in the sequence (Marten logs it
/// at warning level) or an acknowledged activity that never shows. Dead letters: Wolverine's and
/// Marten's dead-letter tables.
/// </summary>
public sealed class ProjectionLagScenario : IScenario
{
    public string Id => "P4";
    public string Title => "async projection lag at a sustained rate";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        await using var app = await ProductApp.StartAsync(context, "p4");
        await using var data = NpgsqlDataSource.Create(app.ConnectionString);
        var perActivity = await EventsPerActivityAsync(app, data);
        var perSecond = Math.Max(1, context.Sizes.LagRate / perActivity);
        context.Step(Id, $"{perActivity} events per activity: recording {perSecond} activities/s for {context.Sizes.LagSeconds} s");

        var acknowledged = new ConcurrentDictionary<Guid, long>();
        var lag = new Latencies();
        using var stop = new CancellationTokenSource();
        var watcher = WatchAsync(data, acknowledged, lag, stop.Token);
        var deadLettersBefore = await DeadLettersAsync(data);
        var logBefore = SkipsLogged(context.LogFile("p4"));

        Load.Outcome load;
        int peak;
        await using (var connections = ConnectionPeak.Watch(app.ConnectionString))
        {
            var n = 0;
            load = await Load.AtRateAsync(perSecond, TimeSpan.FromSeconds(context.Sizes.LagSeconds), async () =>
            {
                var response = await app.Officer.PostAsJsonAsync("/api/activities", SampleActivities.Number(Interlocked.Increment(ref n)), AppJson.Options);
                if (response.StatusCode != HttpStatusCode.Created)
                    return false;
                acknowledged[await IdAsync(response)] = Stopwatch.GetTimestamp();
                return true;
            });
            context.Step(Id, $"{load.Operations:N0} recorded ({load.Failures} failed) in {load.Seconds:0.0} s; waiting for the dashboards to show them");
            var deadline = Stopwatch.StartNew();
            while (!acknowledged.IsEmpty && deadline.Elapsed < TimeSpan.FromSeconds(60))
                await Task.Delay(100);
            peak = connections.Peak;
        }
        await stop.CancelAsync();
        await watcher;

        var neverShown = acknowledged.Count;
        var skips = SkipsLogged(context.LogFile("p4")) - logBefore + neverShown;
        var deadLetters = await DeadLettersAsync(data) - deadLettersBefore;
        var eventsPerSecond = Math.Round(load.Operations * perActivity / load.Seconds);
        var p99 = lag.Percentile(99);
        return
        [
            new ScenarioResult(Id, $"commit to visible on the dashboards, {eventsPerSecond:N0} events/s", "ms", p99, null, null,
                "p99 < 500 ms, 0 skips", p99 < 500 && skips == 0 && load.Failures == 0,
                new Dictionary<string, double>
                {
                    ["p50 ms"] = lag.Percentile(50), ["p99 ms"] = p99, ["events/s"] = eventsPerSecond, ["failed writes"] = load.Failures,
                    ["skips"] = skips, ["never shown"] = neverShown, ["dead letters"] = deadLetters, [PeakConnections.Detail] = peak,
                }),
        ];
    }

    /// <summary>Takes every acknowledged activity whose dashboard document has appeared off the list, with its lag.</summary>
    static async Task WatchAsync(NpgsqlDataSource data, ConcurrentDictionary<Guid, long> acknowledged, Latencies lag, CancellationToken stop)
    {
        await using var connection = await data.OpenConnectionAsync(CancellationToken.None);
        await using var shown = new NpgsqlCommand("SELECT id FROM marten.mt_doc_reportedactivity WHERE id = ANY($1)", connection);
        var ids = shown.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid });
        while (!stop.IsCancellationRequested)
        {
            if (!acknowledged.IsEmpty)
            {
                ids.Value = acknowledged.Keys.ToArray();
                var now = Stopwatch.GetTimestamp();
                await using var reader = await shown.ExecuteReaderAsync(CancellationToken.None);
                while (await reader.ReadAsync(CancellationToken.None))
                    if (acknowledged.TryRemove(reader.GetGuid(0), out var at))
                        lag.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
            }
            try { await Task.Delay(10, stop); } catch (OperationCanceledException) { }
        }
    }

    /// <summary>The events one recorded activity makes (its stream's length), so the rate is a rate of events.</summary>
    static async Task<int> EventsPerActivityAsync(ProductApp app, NpgsqlDataSource data)
    {
        var response = await app.Officer.PostAsJsonAsync("/api/activities", SampleActivities.Number(0), AppJson.Options);
        response.EnsureSuccessStatusCode();
        await using var count = data.CreateCommand("SELECT count(*) FROM marten.mt_events WHERE stream_id = $1");
        count.Parameters.AddWithValue(await IdAsync(response));
        return Convert.ToInt32(await count.ExecuteScalarAsync());
    }

    static async Task<Guid> IdAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetGuid();

    static async Task<long> DeadLettersAsync(NpgsqlDataSource data)
    {
        // Marten creates its dead-letter table the first time it dead-letters an event.
        await using var marten = data.CreateCommand("SELECT to_regclass('marten.mt_doc_deadletterevent') IS NOT NULL");
        var sql = (bool)(await marten.ExecuteScalarAsync())!
            ? "SELECT (SELECT count(*) FROM wolverine.wolverine_dead_letters) + (SELECT count(*) FROM marten.mt_doc_deadletterevent)"
            : "SELECT count(*) FROM wolverine.wolverine_dead_letters";
        await using var count = data.CreateCommand(sql);
        return Convert.ToInt64(await count.ExecuteScalarAsync());
    }

    /// <summary>Marten's high-water agent logs a warning each time it gives up waiting on a gap and skips it.</summary>
    static int SkipsLogged(string log) => File.Exists(log)
        ? File.ReadLines(log).Count(line => line.Contains("high water", StringComparison.OrdinalIgnoreCase) && line.Contains("skip", StringComparison.OrdinalIgnoreCase))
        : 0;
}
