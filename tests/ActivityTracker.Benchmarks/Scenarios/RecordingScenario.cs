using System.Net;
using System.Text.Json;
using ActivityTracker.Benchmarks.Harness;
using Npgsql;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P1: recording an activity over real HTTP (bearer token, validation against the catalog,
/// Wolverine -> Marten, the inline ActivityDetails projection, one transaction) against the least
/// the same machine needs to keep the same command durably: a raw Npgsql single-row INSERT of it
/// as JSON in one transaction, from the harness. Closed loop at 1, 8 and 32 clients; the goal is
/// at 8, the other counts are reported with their ratio.
/// </summary>
public sealed class RecordingScenario : IScenario
{
    const int GoalClients = 8;
    const double GoalRatio = 0.5;
    static readonly int[] ClientCounts = [1, GoalClients, 32];

    public string Id => "P1";
    public string Title => "record an activity over HTTP vs a raw Npgsql INSERT";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        await using var app = await ProductApp.StartAsync(context, "p1");
        await BaselineApi.CreateTableAsync(app.ConnectionString);
        await using var baseline = NpgsqlDataSource.Create(app.ConnectionString);

        var duration = TimeSpan.FromSeconds(context.Sizes.WriteSeconds);
        var numbers = 0;
        var productFailures = new Failures();
        var baselineFailures = new Failures();
        Task<bool> Record(int client) => productFailures.GuardAsync(async () =>
            await productFailures.CheckAsync(await app.Officer.PostAsJsonAsync("/api/activities", SampleActivities.Number(Interlocked.Increment(ref numbers)), AppJson.Options),
                HttpStatusCode.Created));
        // The same command, serialized the same way, kept as one JSON row in one transaction.
        Task<bool> Insert(int client) => baselineFailures.GuardAsync(async () =>
        {
            await BaselineApi.InsertAsync(baseline, JsonSerializer.Serialize(SampleActivities.Number(Interlocked.Increment(ref numbers)), AppJson.Options));
            return true;
        });

        // Warm-up (JIT, pools, first plans) on both sides; not measured.
        var warmUp = TimeSpan.FromSeconds(Math.Max(1, context.Sizes.WriteSeconds / 5));
        context.Step(Id, $"warming up for {warmUp.TotalSeconds} s each");
        await Load.RunAsync(GoalClients, warmUp, Record);
        await Load.RunAsync(GoalClients, warmUp, Insert);

        var results = new List<ScenarioResult>();
        foreach (var clients in ClientCounts)
        {
            // Product and baseline one after the other at each count, so both see the same machine.
            context.Step(Id, $"{clients} client(s): product for {duration.TotalSeconds} s");
            Load.Outcome product;
            int peak;
            var cpu = app.Process.ProcessorTime;
            await using (var connections = ConnectionPeak.Watch(app.ConnectionString))
            {
                product = await Load.RunAsync(clients, duration, Record);
                peak = connections.Peak;
            }
            var cpuPerOperation = (app.Process.ProcessorTime - cpu).TotalMilliseconds / Math.Max(1, product.Operations);
            context.Step(Id, $"{clients} client(s): baseline for {duration.TotalSeconds} s");
            var raw = await Load.RunAsync(clients, duration, Insert);
            context.Step(Id, $"{clients} client(s): product {product.PerSecond} ops/s ({product.Failures} failed), baseline {raw.PerSecond} ops/s ({raw.Failures} failed)");
            results.Add(Row(clients, product, raw, peak, cpuPerOperation, productFailures, baselineFailures));
        }
        return results;
    }

    static ScenarioResult Row(int clients, Load.Outcome product, Load.Outcome raw, int peak, double cpuPerOperation, Failures productFailures, Failures baselineFailures)
    {
        var name = $"record an activity, {clients} client{(clients == 1 ? "" : "s")}";
        var details = new Dictionary<string, double>(product.Details().Concat(raw.Details("baseline ")))
        {
            [PeakConnections.Detail] = peak,
            // The app's own CPU per request (its background work included): with 2 cores shared by the
            // app, PostgreSQL and the load, this is what caps the throughput.
            ["app CPU ms/op"] = Math.Round(cpuPerOperation, 2),
        };
        var row = clients == GoalClients
            ? ScenarioResult.Throughput("P1", name, "ops/s", product.PerSecond, raw.PerSecond, GoalRatio, details)
            : ScenarioResult.Reported("P1", name, "ops/s", product.PerSecond, raw.PerSecond, details);
        if (product.Failures > 0)
            row = row.Invalid(productFailures.Describe(product.Failures));
        if (raw.Failures > 0)
            row = row.Invalid($"baseline {baselineFailures.Describe(raw.Failures)}");
        return row;
    }
}
