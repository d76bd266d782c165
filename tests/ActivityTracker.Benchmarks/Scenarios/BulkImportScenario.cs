using System.Diagnostics;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Benchmarks.Harness;
using ActivityTracker.Hosting;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P2: the synthetic history (<see cref="Sizes.Events"/> events) loaded into the product's event
/// store the fastest sound way it offers, projections consistent once committed (the inline
/// <see cref="ActivityDetails"/> documents are written with the events), against a binary COPY of
/// equivalent rows (same JSON payloads, stream id, version, type name, timestamp) into a plain
/// table with the same keys. Both from the start of the load to the last commit.
/// The loaded database is kept for P3 and P6 of the same run (<see cref="LoadedAsync"/>).
/// </summary>
public sealed class BulkImportScenario : IScenario
{
    public const string Database = "bulk";
    const string BaselineDatabase = "bulk-baseline";
    /// <summary>Activities per session (one commit each), as the product's import commits them.</summary>
    const int StreamsPerSession = 500;

    const string Scenario = "P2";

    public string Id => Scenario;
    public string Title => "bulk import of the history vs binary COPY";

    static Task<Loaded>? _loaded;

    /// <summary>The product's database loaded with the history (by P2 when it ran, else loaded now, untimed).</summary>
    public static Task<Loaded> LoadedAsync(BenchContext context, string scenario) => _loaded ??= LoadAsync(context, scenario);

    public sealed record Loaded(string ConnectionString, SyntheticHistory History, double Seconds, int PeakConnections);

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var product = await LoadedAsync(context, Id);
        var baseline = await CopyAsync(context, product.History);
        var events = product.History.EventCount;
        return
        [
            ScenarioResult.Throughput(Id, $"bulk import of {events:N0} events", "events/s",
                Math.Round(events / product.Seconds), Math.Round(events / baseline), 0.8,
                new Dictionary<string, double>
                {
                    ["product s"] = Math.Round(product.Seconds, 1),
                    ["baseline s"] = Math.Round(baseline, 1),
                    [PeakConnections.Detail] = product.PeakConnections,
                },
                $"Marten StartStream, {StreamsPerSession} activities a session, inline ActivityDetails"),
        ];
    }

    static async Task<Loaded> LoadAsync(BenchContext context, string scenario)
    {
        var history = new SyntheticHistory(context.Sizes.Events);
        context.Step(scenario, $"preparing the product's database and loading {history.EventCount:N0} events");
        var connectionString = await ProductApp.PrepareAsync(context, Database);
        await StampBeforeHistoryAsync(connectionString);
        using var store = new DocumentStore(EventStore.StoreOptions(connectionString));
        // Generated storage code is built on first use: do it before the clock starts.
        await using (var warm = store.QuerySession())
            await warm.LoadAsync<ActivityDetails>(Guid.Empty);

        var progress = context.Every10Percent(scenario, "product load", history.EventCount);
        await using var peak = ConnectionPeak.Watch(connectionString);
        var watch = Stopwatch.StartNew();
        long appended = 0;
        foreach (var batch in history.Activities().Chunk(StreamsPerSession))
        {
            await using var session = store.LightweightSession();
            foreach (var activity in batch)
                session.Events.StartStream<ActivityDetails>(activity.Id, activity.Events.ToArray());
            await session.SaveChangesAsync();
            appended += batch.Sum(a => a.Events.Count);
            progress(appended);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        await AnalyzeAsync(connectionString);
        return new Loaded(connectionString, history, seconds, peak.Peak);
    }

    /// <summary>The baseline: the same events as rows of a plain table, by binary COPY in one transaction. Returns the seconds.</summary>
    static async Task<double> CopyAsync(BenchContext context, SyntheticHistory history)
    {
        var connectionString = await context.Databases.FreshAsync(BaselineDatabase);
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using (var create = data.CreateCommand("""
            CREATE TABLE baseline_events (
              seq_id bigserial PRIMARY KEY, id uuid NOT NULL, stream_id uuid NOT NULL, version integer NOT NULL,
              type text NOT NULL, "timestamp" timestamptz NOT NULL, data jsonb NOT NULL, UNIQUE (stream_id, version))
            """))
            await create.ExecuteNonQueryAsync();

        // The product's serializer, so the payloads are byte for byte the JSON Marten stores.
        var serializer = EventStore.StoreOptions(connectionString).Serializer();
        var names = new Dictionary<Type, string>();
        var progress = context.Every10Percent(Scenario, "baseline COPY", history.EventCount);
        var watch = Stopwatch.StartNew();
        await using var connection = await data.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY baseline_events (id, stream_id, version, type, \"timestamp\", data) FROM STDIN (FORMAT BINARY)"))
            {
                long written = 0;
                foreach (var e in history.Events())
                {
                    var type = e.Data.GetType();
                    if (!names.TryGetValue(type, out var name))
                        names[type] = name = type.GetEventTypeName();
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(e.StreamId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync((int)e.Version, NpgsqlDbType.Integer);
                    await copy.WriteAsync(name, NpgsqlDbType.Text);
                    await copy.WriteAsync(e.Timestamp, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(serializer.ToJson(e.Data), NpgsqlDbType.Jsonb);
                    progress(++written);
                }
                await copy.CompleteAsync();
            }
            await transaction.CommitAsync();
        }
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Planner statistics for the freshly loaded tables (the first queries after a bulk load are otherwise far slower); not timed.</summary>
    /// <summary>
    /// The seed stamps the reference streams (programmes, countries, indicators) and the administrator when it runs, but the
    /// history is reported against them years before: they are stamped just before its <see cref="SyntheticHistory.Start"/>, as
    /// a store that grew over those years would hold them. Left as seeded, every event of the history would be older than the
    /// month the dashboards' projection began with (late, <c>DashboardPeriods</c>) and, as of any instant in it, no indicator
    /// would be defined yet; time travel would fold the history again, which is not what a real store asks of it.
    /// </summary>
    static async Task StampBeforeHistoryAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var stamp = new NpgsqlCommand("UPDATE marten.mt_events SET \"timestamp\" = @at", connection);
        stamp.Parameters.AddWithValue("at", SyntheticHistory.Start.AddDays(-1));
        await stamp.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Statistics for the planner (<c>ANALYZE</c>), or also the visibility of the rows just written (<c>VACUUM ANALYZE</c>): what
    /// autovacuum would do in the minutes after a large write, done at once, so what follows is timed on a settled database.
    /// </summary>
    internal static async Task AnalyzeAsync(string connectionString, string command = "ANALYZE")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand(command, connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }
}
