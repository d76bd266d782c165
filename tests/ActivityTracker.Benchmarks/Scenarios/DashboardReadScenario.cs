using System.Net;
using System.Text.Json;
using ActivityTracker.Benchmarks.Harness;
using ActivityTracker.Dashboards;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P5: a manager reading Mexico's dashboard over HTTP (token, scope, the stored slice plus names)
/// against the baseline API returning the same stored document as it is in the database, each
/// alone at the same fixed (open-loop) rate, after activities recorded through the API have been
/// projected. Goals: requests/s at least half the baseline's, and p99 under 10 ms.
/// </summary>
public sealed class DashboardReadScenario : IScenario
{
    const string Dashboard = "/api/dashboards/countries/MX";
    const string StoredSlice = "/dashboards/country:MX";
    const double GoalRatio = 0.5;
    const double GoalP99 = 10;

    public string Id => "P5";
    public string Title => "a dashboard read over HTTP vs a raw Npgsql endpoint";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        await using var app = await ProductApp.StartAsync(context, "p5");
        await RecordAsync(context, app, context.Sizes.DashboardActivities);
        context.Step(Id, "waiting for the Dashboards projection to catch up");
        await ProjectionProgress.WaitCaughtUpAsync(app.ConnectionString, $"{DashboardProjection.Name}:All", TimeSpan.FromMinutes(5));

        await using var baselineApi = PublishedApp.StartBaselineApi(app.ConnectionString, context.LogFile("p5-baseline"));
        await baselineApi.WaitReadyAsync(TimeSpan.FromSeconds(30));
        using var baseline = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baselineApi.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await CheckSameFiguresAsync(app.Manager, baseline);

        var productFailures = new Failures();
        var baselineFailures = new Failures();
        Task<bool> Read() => productFailures.GuardAsync(async () => await productFailures.CheckAsync(await app.Manager.GetAsync(Dashboard), HttpStatusCode.OK));
        Task<bool> ReadStored() => baselineFailures.GuardAsync(async () => await baselineFailures.CheckAsync(await baseline.GetAsync(StoredSlice), HttpStatusCode.OK));

        var (rate, duration) = (context.Sizes.ReadRate, TimeSpan.FromSeconds(context.Sizes.ReadSeconds));
        context.Step(Id, "warming up both for 2 s");
        await Load.AtRateAsync(rate, TimeSpan.FromSeconds(2), Read);
        await Load.AtRateAsync(rate, TimeSpan.FromSeconds(2), ReadStored);

        context.Step(Id, $"product: {rate} requests/s for {duration.TotalSeconds} s");
        Load.Outcome product;
        int peak;
        await using (var connections = ConnectionPeak.Watch(app.ConnectionString))
        {
            product = await Load.AtRateAsync(rate, duration, Read);
            peak = connections.Peak;
        }
        context.Step(Id, $"baseline: {rate} requests/s for {duration.TotalSeconds} s");
        var raw = await Load.AtRateAsync(rate, duration, ReadStored);

        var details = new Dictionary<string, double>(product.Details().Concat(raw.Details("baseline ")))
        {
            ["offered requests/s"] = rate,
            [PeakConnections.Detail] = peak,
        };
        ScenarioResult[] rows =
        [
            ScenarioResult.Throughput(Id, "dashboard read (country MX), requests/s at a fixed load", "requests/s", product.PerSecond, raw.PerSecond, GoalRatio, details,
                // At a fixed offered rate both sides serve the rate while they keep up: the ratio drops only when one cannot.
                $"{context.Sizes.ReadRate} requests/s offered to each"),
            ScenarioResult.AtMost(Id, "dashboard read (country MX), p99 at a fixed load", "ms", product.Latencies.Percentile(99), GoalP99,
                new Dictionary<string, double> { ["baseline p99 ms"] = raw.Latencies.Percentile(99) }),
        ];
        return rows.Select(r => product.Failures > 0 ? r.Invalid(productFailures.Describe(product.Failures))
            : raw.Failures > 0 ? r.Invalid($"baseline {baselineFailures.Describe(raw.Failures)}") : r).ToList();
    }

    /// <summary>Records <paramref name="count"/> activities through the API (8 officers' worth of clients), so the dashboards have real members.</summary>
    static async Task RecordAsync(BenchContext context, ProductApp app, int count)
    {
        context.Step("P5", $"recording {count:N0} activities through the API");
        var progress = context.Every10Percent("P5", "recorded", count);
        var next = 0;
        var done = 0L; // under the lock of progress
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var n = Interlocked.Increment(ref next); n <= count; n = Interlocked.Increment(ref next))
            {
                using var response = await app.Officer.PostAsJsonAsync("/api/activities", SampleActivities.Number(n), AppJson.Options);
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"recording activity {n}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                lock (progress)
                    progress(++done);
            }
        })));
    }

    /// <summary>Both sides serve the same figures: the product's view carries the stored slice's totals.</summary>
    static async Task CheckSameFiguresAsync(HttpClient manager, HttpClient baseline)
    {
        var view = await manager.GetFromJsonAsync<DashboardView>(Dashboard, AppJson.Options);
        var stored = JsonSerializer.Deserialize<DashboardSlice>(await baseline.GetStringAsync(StoredSlice), AppJson.Options);
        if (view is null || stored is null || view.AllReported.Activities == 0
            || (view.AllReported.Activities, view.AllReported.Participants) != (stored.AllReported.Activities, stored.AllReported.Participants))
            throw new InvalidOperationException($"the product's dashboard ({view?.AllReported.Activities} activities, {view?.AllReported.Participants} participants) "
                + $"is not the stored slice ({stored?.AllReported.Activities}, {stored?.AllReported.Participants})");
    }
}
