using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActivityTracker.Benchmarks.Harness;
using ActivityTracker.Dashboards;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P6: time travel over the loaded history through the product's API, as a manager asks for it:
/// one country's dashboard and the list of every country's, as of an instant half-way through the
/// history and half-way through its month (<see cref="SyntheticHistory.Midpoint"/> and 15 days), so the
/// read takes the tallies kept when the instant's period began (a month, or a part of one when the month is dense)
/// and folds that period's events up to the instant. The latency of each
/// (median and the slowest, after one request to warm up) against the goal of 200 ms; there is no baseline.
/// </summary>
public sealed class AsOfScenario : IScenario
{
    const string Scenario = "P6";
    const double GoalMilliseconds = 200;

    public string Id => Scenario;
    public string Title => "as-of dashboards over the history";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var connectionString = await RebuildScenario.RebuiltAsync(context, Scenario);
        var events = context.Sizes.Events;
        context.Step(Scenario, "starting the app on the loaded database");
        await using var app = await ProductApp.StartOnAsync(context, connectionString, "asof");
        var asOf = Uri.EscapeDataString(SyntheticHistory.Midpoint.AddDays(15.5).ToString("O"));

        await using var peak = ConnectionPeak.Watch(connectionString);
        var country = await TimeAsync(context, app.Manager, $"/api/dashboards/countries/MX?asOf={asOf}",
            async r => Activities((await r.Content.ReadFromJsonAsync<JsonObject>())!));
        var countries = await TimeAsync(context, app.Manager, $"/api/dashboards/countries?asOf={asOf}",
            async r => (await r.Content.ReadFromJsonAsync<JsonArray>())!.Sum(v => Activities(v!.AsObject())));
        var peakConnections = peak.Peak;

        ScenarioResult Result(string name, Latencies latencies, int activities) => ScenarioResult.AtMost(Scenario, name, "ms",
            latencies.Percentile(50), GoalMilliseconds,
            new Dictionary<string, double> { ["slowest ms"] = latencies.Percentile(100), ["requests"] = latencies.Count, ["activities then"] = activities, [PeakConnections.Detail] = peakConnections },
            "median latency");
        return
        [
            Result($"as-of dashboard of one country (MX) over {events:N0} events", country.Latencies, country.Activities),
            Result($"as-of dashboards of every country over {events:N0} events", countries.Latencies, countries.Activities),
        ];
    }

    /// <summary>A <see cref="DashboardView"/>'s count of all reported activities.</summary>
    static int Activities(JsonObject view) => view["allReported"]!["activities"]!.GetValue<int>();

    /// <summary>One request to warm up, then <see cref="Sizes.AsOfRequests"/> timed ones; each must answer 200 with activities in it.</summary>
    static async Task<(Latencies Latencies, int Activities)> TimeAsync(BenchContext context, HttpClient client, string path, Func<HttpResponseMessage, Task<int>> activitiesOf)
    {
        context.Step(Scenario, $"GET {path}");
        var latencies = new Latencies();
        var activities = 0;
        for (var i = 0; i <= context.Sizes.AsOfRequests; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            activities = await activitiesOf(response);
            if (activities == 0)
                throw new InvalidOperationException($"GET {path}: no activities as of the midpoint; the history did not load");
            if (i > 0)
                latencies.Add(elapsed);
        }
        return (latencies, activities);
    }
}
