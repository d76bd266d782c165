using System.Net;
using ActivityTracker.Access;
using ActivityTracker.Benchmarks.Harness;
using ActivityTracker.Dashboards;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P5b: the dashboards P5 does not read, over the loaded history (P3's rebuilt database): those that cannot be a
/// stored slice, because the reader's scope or a filter cuts the cube. An officer of one programme in two countries
/// reading one of them (<c>/api/dashboards/countries/GT</c>: the cells of that programme there), and a manager
/// reading every country's dashboard of one activity kind and of a date range that starts and ends inside a month
/// (the whole months from the cells, the two edge months from their activities). Each alone at P5's fixed
/// (open-loop) rate, after a warm-up; a read the server cannot serve at that rate stops being offered once a
/// second's worth of requests is unanswered, and its row says it fell behind. Each row also gives the median of
/// requests sent one at a time, the read's own cost without a queue. Goal: p99 under 20 ms for each. For context,
/// no goal: P5's unfiltered read of a stored slice on the same history, at the same rate.
/// </summary>
public sealed class ScopedDashboardScenario : IScenario
{
    const string Scenario = "P5b";
    const double GoalP99 = 20;
    const string OfficerEmail = "officer.p5b@bench.local";
    static readonly string[] OfficerProgrammes = ["MESO-CARIB"];
    static readonly string[] OfficerCountries = ["GT", "HN"];
    // Day precision on both ends, neither the first nor the last of a month: the range's edge months are read from their activities.
    const string From = "2020-03-15";
    const string To = "2021-06-20";

    public string Id => Scenario;
    public string Title => "officer-scoped and filtered dashboards over the history";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var connectionString = await RebuildScenario.RebuiltAsync(context, Scenario);
        var events = context.Sizes.Events;
        context.Step(Scenario, "starting the app on the loaded database");
        await using var app = await ProductApp.StartOnAsync(context, connectionString, "p5b");
        using var officer = await app.SignInNewUserAsync(OfficerEmail, Roles.Officer, OfficerProgrammes, OfficerCountries);

        // Each read is checked once for what it must show before it is timed: figures, and only what the scope or filter selects.
        Read[] reads =
        [
            new($"officer of {OfficerProgrammes[0]} in {string.Join(", ", OfficerCountries)}: country GT", officer, "/api/dashboards/countries/GT", HasGoal: true,
                async r => Checked(await r.Content.ReadFromJsonAsync<DashboardView>(AppJson.Options), v => v.Scope == "filtered", "is not marked filtered")),
            new("manager: every country, kind=training", app.Manager, "/api/dashboards/countries?kind=training", HasGoal: true,
                async r => Checked(await r.Content.ReadFromJsonAsync<DashboardView[]>(AppJson.Options),
                    v => v.AllReported.ActivitiesByKind.Keys.All(k => k == "training"), "counts another kind than training")),
            new($"manager: every country, from={From}&to={To}", app.Manager, $"/api/dashboards/countries?from={From}&to={To}", HasGoal: true,
                async r => Checked(await r.Content.ReadFromJsonAsync<DashboardView[]>(AppJson.Options), _ => true, "")),
            new("manager: country MX, unfiltered (P5's stored slice)", app.Manager, "/api/dashboards/countries/MX", HasGoal: false,
                async r => Checked(await r.Content.ReadFromJsonAsync<DashboardView>(AppJson.Options), v => v.Scope == "complete", "is not complete")),
        ];
        foreach (var read in reads)
        {
            using var response = await read.Client.GetAsync(read.Path);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"GET {read.Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var activities = await read.Check(response);
            context.Step(Scenario, $"GET {read.Path}: {activities:N0} activities");
        }

        var (rate, duration) = (context.Sizes.ReadRate, TimeSpan.FromSeconds(context.Sizes.ReadSeconds));
        // One second's worth of requests unanswered: the server has fallen behind the rate, and more queued requests would only lengthen the run.
        var mostInFlight = rate;
        var results = new List<ScenarioResult>();
        foreach (var read in reads)
        {
            var failures = new Failures();
            Task<bool> Get() => failures.GuardAsync(async () => await failures.CheckAsync(await read.Client.GetAsync(read.Path), HttpStatusCode.OK));
            // What one request costs with nothing else queued, beside the figure under load: tells a slow read from a queue.
            context.Step(Scenario, $"{read.Name}: {Alone} requests one after another");
            var alone = new Latencies();
            var failedAlone = 0;
            for (var i = 0; i < Alone; i++)
                if (!await alone.TimeAsync(Get))
                    failedAlone++;
            context.Step(Scenario, $"{read.Name}: warming up for 2 s, then {rate} requests/s for {duration.TotalSeconds} s");
            await Load.AtRateAsync(rate, TimeSpan.FromSeconds(2), Get, mostInFlight);
            Load.Outcome outcome;
            int peak;
            await using (var connections = ConnectionPeak.Watch(connectionString))
            {
                outcome = await Load.AtRateAsync(rate, duration, Get, mostInFlight);
                peak = connections.Peak;
            }
            var details = new Dictionary<string, double>(outcome.Details())
            {
                ["one at a time: p50 ms"] = alone.Percentile(50),
                ["requests/s"] = outcome.PerSecond,
                ["offered requests/s"] = rate,
                ["not sent"] = outcome.NotSent,
                [PeakConnections.Detail] = peak,
            };
            var name = $"{read.Name}, {events:N0} events";
            var p99 = outcome.Latencies.Percentile(99);
            var row = read.HasGoal
                ? ScenarioResult.AtMost(Scenario, name, "ms", p99, GoalP99, details, "p99 at a fixed load")
                : new ScenarioResult(Scenario, name, "ms", p99, null, null, ScenarioResult.NoGoal, true, details, "p99 at a fixed load, for context");
            var failed = outcome.Failures + failedAlone;
            results.Add(failed > 0 ? row.Invalid(failures.Describe(failed))
                : outcome.NotSent > 0 ? row.Invalid($"fell behind the rate: {outcome.NotSent:N0} of {rate * duration.TotalSeconds:N0} requests not sent while {mostInFlight} were unanswered")
                : row);
        }
        return results;
    }

    /// <summary>Requests timed one after another, before the load.</summary>
    const int Alone = 10;

    /// <summary>One dashboard read: who, what, and the check of its answer (which returns the activities it counts).</summary>
    sealed record Read(string Name, HttpClient Client, string Path, bool HasGoal, Func<HttpResponseMessage, Task<int>> Check);

    static int Checked(DashboardView? view, Func<DashboardView, bool> holds, string otherwise) => Checked(view is null ? null : [view], holds, otherwise);

    /// <summary>The activities the views count; an empty answer, or one that shows what it must not, is a broken scenario.</summary>
    static int Checked(DashboardView[]? views, Func<DashboardView, bool> holds, string otherwise)
    {
        if (views is null || views.Sum(v => v.AllReported.Activities) == 0)
            throw new InvalidOperationException("the dashboard counts no activities: the history did not load, or the read selects nothing");
        if (views.FirstOrDefault(v => !holds(v)) is { } wrong)
            throw new InvalidOperationException($"the dashboard {wrong.Dimension}:{wrong.Key} {otherwise}");
        return views.Sum(v => v.AllReported.Activities);
    }
}
