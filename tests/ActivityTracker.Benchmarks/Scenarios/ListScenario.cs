using System.Diagnostics;
using ActivityTracker.Access;
using ActivityTracker.Activities.Listing;
using ActivityTracker.Benchmarks.Harness;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P13: <c>GET /api/activities</c> over the loaded history (P2's database, about one activity per five events): the
/// first page and a page half-way down the list (reached by following <c>next</c>), for a manager (everything) and
/// for an officer of one programme in one country (a few percent of it, the read scope's hardest filter). Goal: a
/// median of 50 ms for each, at any depth. For context, no goal: a deep page asked by number (the rows before it are
/// still read) and the first page with <c>includeTotal=true</c> (counts the scope).
/// </summary>
public sealed class ListScenario : IScenario
{
    const string Scenario = "P13";
    const double GoalMilliseconds = 50;
    const int Requests = 15;
    const int PageSize = Paging.DefaultPageSize;

    public string Id => Scenario;
    public string Title => "the activity list at any depth";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var loaded = await BulkImportScenario.LoadedAsync(context, Scenario);
        context.Step(Scenario, "starting the app on the loaded database");
        await using var app = await ProductApp.StartOnAsync(context, loaded.ConnectionString, "p9");
        using var officer = await app.SignInNewUserAsync("officer.gt@bench.local", Roles.Officer, ["MESO-CARIB"], ["GT"]);

        var results = new List<ScenarioResult>();
        foreach (var (who, client) in new[] { ("manager", app.Manager), ("officer MESO-CARIB/GT", officer) })
        {
            var total = (await client.GetFromJsonAsync<ActivityPage>("/api/activities?pageSize=1&includeTotal=true", AppJson.Options))!.TotalItems!.Value;
            var half = await PositionAsync(context, client, total / 2);
            var details = new Dictionary<string, double> { ["activities in scope"] = total };
            results.Add(Goal($"{who}: first page", await TimeAsync(context, client, $"/api/activities?pageSize={PageSize}"), details));
            results.Add(Goal($"{who}: page at {total / 2:N0} of {total:N0}, by position", await TimeAsync(context, client, $"/api/activities?pageSize={PageSize}&after={Uri.EscapeDataString(half)}"), details));
            results.Add(Context($"{who}: page at {total / 2:N0}, by number", await TimeAsync(context, client, $"/api/activities?pageSize={PageSize}&page={total / 2 / PageSize + 1}"), details));
            results.Add(Context($"{who}: first page with the total", await TimeAsync(context, client, $"/api/activities?pageSize={PageSize}&includeTotal=true"), details));
        }
        return results;
    }

    static ScenarioResult Goal(string name, Latencies latencies, Dictionary<string, double> details) =>
        ScenarioResult.AtMost(Scenario, name, "ms", latencies.Percentile(50), GoalMilliseconds,
            new Dictionary<string, double>(details) { ["p90 ms"] = latencies.Percentile(90) }, "median latency");

    static ScenarioResult Context(string name, Latencies latencies, Dictionary<string, double> details) =>
        new(Scenario, name, "ms", latencies.Percentile(50), null, null, ScenarioResult.NoGoal, true,
            new Dictionary<string, double>(details) { ["p90 ms"] = latencies.Percentile(90) }, "median latency");

    /// <summary>The <c>next</c> token after about <paramref name="depth"/> activities, by following the list 100 at a time.</summary>
    static async Task<string> PositionAsync(BenchContext context, HttpClient client, long depth)
    {
        context.Step(Scenario, $"following next to {depth:N0} activities down");
        string? next = null;
        for (long read = 0; read < depth;)
        {
            var path = next is null ? "/api/activities?pageSize=100" : $"/api/activities?pageSize=100&after={Uri.EscapeDataString(next)}";
            var page = (await client.GetFromJsonAsync<ActivityPage>(path, AppJson.Options))!;
            read += page.Items.Count;
            next = page.Next ?? throw new InvalidOperationException($"the list ended after {read:N0} activities, before {depth:N0}");
        }
        return next!;
    }

    /// <summary>One request to warm up, then <see cref="Requests"/> timed ones, each a full page.</summary>
    static async Task<Latencies> TimeAsync(BenchContext context, HttpClient client, string path)
    {
        context.Step(Scenario, $"GET {path}");
        var latencies = new Latencies();
        for (var i = 0; i <= Requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
            var page = System.Text.Json.JsonSerializer.Deserialize<ActivityPage>(body, AppJson.Options)!;
            if (page.Items.Count != PageSize)
                throw new InvalidOperationException($"GET {path}: {page.Items.Count} activities, not a full page");
            if (i > 0)
                latencies.Add(elapsed);
        }
        return latencies;
    }
}
