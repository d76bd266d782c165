using System.Diagnostics;
using System.Globalization;
using ActivityTracker.Benchmarks.Harness;
using ActivityTracker.Dashboards;
using ActivityTracker.Hosting;
using Marten;
using Npgsql;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P3: rebuilding the <c>Dashboards</c> projection over the loaded history (P2's database) the
/// product's way, the published app's <c>projections rebuild -p Dashboards</c>, against plain SQL
/// over <c>marten.mt_events</c> that computes the per-country and per-programme totals with GROUP BY
/// and INSERTs them into a table. Every SQL total is then compared with the rebuilt
/// <see cref="DashboardSlice"/> documents; any difference fails the scenario.
/// </summary>
public sealed class RebuildScenario : IScenario
{
    const string Scenario = "P3";

    public string Id => Scenario;
    public string Title => "rebuild of the per-country and per-programme dashboards vs SQL GROUP BY";

    static Task<string>? _rebuilt;
    static double _rebuildSeconds;

    /// <summary>P2's database with the dashboards rebuilt (by P3 when it ran in this run, else now, untimed).</summary>
    public static Task<string> RebuiltAsync(BenchContext context, string scenario) => _rebuilt ??= RebuildAsync(context, scenario);

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var loaded = await BulkImportScenario.LoadedAsync(context, Scenario);
        await using var peak = ConnectionPeak.Watch(loaded.ConnectionString);
        await RebuiltAsync(context, Scenario);
        var product = _rebuildSeconds;
        var productPeak = peak.Peak;

        context.Step(Scenario, "baseline: SQL GROUP BY over marten.mt_events into a table");
        var watch = Stopwatch.StartNew();
        await BaselineTotals.ComputeAsync(loaded.ConnectionString);
        var baseline = watch.Elapsed.TotalSeconds;

        var (compared, differences) = await CompareAsync(loaded.ConnectionString);
        if (differences.Count > 0)
            throw new InvalidOperationException($"The rebuilt dashboards differ from the SQL totals in {differences.Count} of {compared} figures, e.g.{Environment.NewLine}"
                + string.Join(Environment.NewLine, differences.Take(20)));
        context.Step(Scenario, $"{compared:N0} totals identical in the rebuilt slices and the SQL table");

        return
        [
            ScenarioResult.Duration(Scenario, $"rebuild Dashboards over {loaded.History.EventCount:N0} events", "s",
                Math.Round(product, 2), Math.Round(baseline, 2), 0.1,
                new Dictionary<string, double> { ["totals compared"] = compared, [PeakConnections.Detail] = productPeak },
                "identical results"),
        ];
    }

    static async Task<string> RebuildAsync(BenchContext context, string scenario)
    {
        var loaded = await BulkImportScenario.LoadedAsync(context, scenario);
        context.Step(scenario, "projections rebuild -p Dashboards (the published app's command)");
        var watch = Stopwatch.StartNew();
        await PublishedApp.RunCommandAsync(context.Options.AppDll, PublishedApp.Environment(loaded.ConnectionString), context.LogFile("rebuild"),
            "projections", "rebuild", "-p", DashboardProjection.Name);
        _rebuildSeconds = watch.Elapsed.TotalSeconds;
        // The reads measured on the rebuilt store (P5b, P6, P10-P12) are timed after it settles, not during autovacuum's pass over
        // the rewritten tables (without it, the first read timed after a rebuild had a p99 of 22-40 ms, the others 11-15 ms).
        context.Step(scenario, "VACUUM ANALYZE of the rebuilt store (untimed)");
        await BulkImportScenario.AnalyzeAsync(loaded.ConnectionString, "VACUUM ANALYZE");
        return loaded.ConnectionString;
    }

    /// <summary>Every total of the SQL table next to the same figure of the rebuilt slices (a figure missing on one side is 0).</summary>
    static async Task<(int Compared, List<string> Differences)> CompareAsync(string connectionString)
    {
        var expected = await BaselineTotals.ReadAsync(connectionString);
        var actual = new Dictionary<BaselineTotals.Key, decimal>();
        using (var store = new DocumentStore(EventStore.StoreOptions(connectionString)))
        await using (var session = store.QuerySession())
        {
            var slices = await session.Query<DashboardSlice>().Where(s => s.Dimension == Dimensions.Country || s.Dimension == Dimensions.Programme).ToListAsync();
            foreach (var slice in slices)
                foreach (var (approved, figures) in new[] { (false, slice.AllReported), (true, slice.Approved) })
                {
                    void Add(string figure, decimal value) => actual[new(slice.Dimension, slice.Key, approved, figure)] = value;
                    Add("activities", figures.Activities);
                    Add("participants", figures.Participants);
                    Add("unaccompanied minors", figures.UnaccompaniedMinors);
                    foreach (var (kind, count) in figures.ActivitiesByKind)
                        Add($"kind:{kind}", count);
                    // A mean of reports without a base has no figure: missing here, as in the table.
                    foreach (var outcome in figures.Outcomes.Where(o => o.Value is not null))
                        Add($"outcome:{outcome.IndicatorCode}", outcome.Value!.Value);
                }
        }
        var keys = expected.Keys.Union(actual.Keys).ToList();
        var differences = keys
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"  {k}: SQL {expected.GetValueOrDefault(k)}, rebuilt {actual.GetValueOrDefault(k)}"))
            .ToList();
        return (keys.Count, differences);
    }
}

/// <summary>
/// The baseline's totals: per country (<c>regional</c> when none) and per programme, for every
/// activity reported and for the approved ones, computed by PostgreSQL alone from the raw events
/// with the dashboards' rules as far as this history uses them: a cancelled activity does not
/// count; the latest participants report and the latest value of each indicator replace earlier
/// ones; an activity is approved when its latest review event is an approval; outcomes add up, or
/// for a MaximumPerLocation indicator the largest value at each place counts once, or for a WeightedMean one (a rate or a
/// percentage) the mean of the reports that give a base, weighted by it (a lone report without one is its own figure;
/// several without have none). (The history
/// has no detail corrections or indicator revisions, which the SQL would otherwise have to follow.)
/// </summary>
public static class BaselineTotals
{
    public sealed record Key(string Dimension, string Slice, bool Approved, string Figure);

    const string Compute = """
        CREATE TABLE IF NOT EXISTS baseline_dashboard (
          dimension text NOT NULL, key text NOT NULL, approved boolean NOT NULL, figure text NOT NULL, value numeric NOT NULL,
          PRIMARY KEY (dimension, key, approved, figure));
        TRUNCATE baseline_dashboard;
        WITH activity AS (
          SELECT stream_id, coalesce(data->'Location'->>'CountryCode', 'regional') AS country, data->>'ProgrammeCode' AS programme,
                 data->>'Kind' AS kind, data->'Location' AS location
          FROM marten.mt_events WHERE type = 'activity_recorded'),
        cancelled AS (
          SELECT DISTINCT ON (stream_id) stream_id, type = 'activity_cancelled' AS cancelled
          FROM marten.mt_events WHERE type IN ('activity_cancelled', 'activity_reopened') ORDER BY stream_id, version DESC),
        review AS (
          SELECT DISTINCT ON (stream_id) stream_id, type = 'activity_approved' AS approved
          FROM marten.mt_events WHERE type IN ('submitted_for_review', 'activity_approved', 'sent_back', 'activity_reopened') ORDER BY stream_id, version DESC),
        participants AS (
          SELECT DISTINCT ON (stream_id) stream_id, (data->>'Total')::bigint AS total, coalesce((data->>'UnaccompaniedMinors')::bigint, 0) AS minors
          FROM marten.mt_events WHERE type = 'participants_reported' ORDER BY stream_id, version DESC),
        member AS (
          SELECT d.dimension, d.key, s.approved_only, a.stream_id, a.kind, a.location, coalesce(p.total, 0) AS total, coalesce(p.minors, 0) AS minors
          FROM activity a
          LEFT JOIN cancelled c USING (stream_id) LEFT JOIN review r USING (stream_id) LEFT JOIN participants p USING (stream_id)
          CROSS JOIN LATERAL (VALUES ('country', a.country), ('programme', a.programme)) d(dimension, key)
          CROSS JOIN LATERAL (VALUES (false), (true)) s(approved_only)
          WHERE NOT coalesce(c.cancelled, false) AND (NOT s.approved_only OR coalesce(r.approved, false))),
        outcome AS (
          SELECT DISTINCT ON (stream_id, data->>'IndicatorCode') stream_id, data->>'IndicatorCode' AS indicator, (data->>'Value')::numeric AS value,
                 (data->>'Base')::numeric AS base
          FROM marten.mt_events WHERE type = 'outcome_reported' ORDER BY stream_id, data->>'IndicatorCode', version DESC),
        rule AS (
          SELECT data->>'Code' AS indicator, data->>'Aggregation' AS aggregation FROM marten.mt_events WHERE type = 'indicator_defined'),
        counted_outcome AS (
          -- One row per place for MaximumPerLocation (its largest value), per activity otherwise.
          SELECT m.dimension, m.key, m.approved_only, o.indicator, rule.aggregation, max(o.value) AS value, max(o.base) AS base
          FROM member m JOIN outcome o USING (stream_id) LEFT JOIN rule USING (indicator)
          GROUP BY m.dimension, m.key, m.approved_only, o.indicator, rule.aggregation,
                   CASE WHEN rule.aggregation = 'MaximumPerLocation' THEN m.location::text ELSE m.stream_id::text END)
        INSERT INTO baseline_dashboard (dimension, key, approved, figure, value)
        SELECT dimension, key, approved_only, 'activities', count(*) FROM member GROUP BY 1, 2, 3
        UNION ALL SELECT dimension, key, approved_only, 'participants', sum(total) FROM member GROUP BY 1, 2, 3
        UNION ALL SELECT dimension, key, approved_only, 'unaccompanied minors', sum(minors) FROM member GROUP BY 1, 2, 3
        UNION ALL SELECT dimension, key, approved_only, 'kind:' || kind, count(*) FROM member GROUP BY 1, 2, 3, kind
        UNION ALL SELECT dimension, key, approved_only, 'outcome:' || indicator, sum(value) FROM counted_outcome
          WHERE aggregation IS DISTINCT FROM 'WeightedMean' GROUP BY 1, 2, 3, indicator
        UNION ALL SELECT dimension, key, approved_only, 'outcome:' || indicator,
               CASE WHEN sum(base) > 0 THEN round(sum(value * base) / sum(base), 2) ELSE min(value) END
          FROM counted_outcome WHERE aggregation = 'WeightedMean' GROUP BY 1, 2, 3, indicator HAVING sum(base) > 0 OR count(*) = 1;
        """;

    public static async Task ComputeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var compute = new NpgsqlCommand(Compute, connection, transaction) { CommandTimeout = 0 })
            await compute.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public static async Task<Dictionary<Key, decimal>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT dimension, key, approved, figure, value FROM baseline_dashboard", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var totals = new Dictionary<Key, decimal>();
        while (await reader.ReadAsync())
            totals[new Key(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetString(3))] = reader.GetDecimal(4);
        return totals;
    }
}
