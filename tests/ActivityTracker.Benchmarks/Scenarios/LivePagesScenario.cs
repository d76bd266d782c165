using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Benchmarks.Harness;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P11: what dashboard pages left open cost the server, over the loaded history (P3's rebuilt database). Ten
/// country pages are open in Chromium (<see cref="DashboardPages"/>) while officers record <see cref="WritesPerSecond"/>
/// activities a second over the API. The app's CPU time (user + kernel, from <c>/proc/&lt;pid&gt;/stat</c>) is taken over
/// three windows of the same length and the same writes:
/// <list type="number">
/// <item>the pages closed, the writes in the countries <see cref="SampleActivities"/> records in: the writes' own cost;</item>
/// <item>the pages open, the same writes, which touch none of their cells: what the open pages cost (goal: under 5 % of one core);</item>
/// <item>the pages open, the writes into the pages' own countries: each page re-reads and re-renders when a cell it
/// shows changed; the extra CPU over window 2 divided by the refreshes the pages saw (goal: under 1 ms each).</item>
/// </list>
/// Every figure of the three windows is in the details, so a reader can redo the subtraction. On a shared machine a
/// window's CPU moves by a few percent of a core from run to run: compare the windows of one run.
/// </summary>
public sealed class LivePagesScenario : IScenario
{
    const string Scenario = "P11";
    const double GoalShareOfCore = 5;
    const double GoalMillisecondsPerRefresh = 1;
    public const int WritesPerSecond = 20;

    /// <summary>
    /// Ten countries of MESO-CARIB where <see cref="SampleActivities.Number"/> never records (it holds activities in
    /// MX, GT, HN, SV, CR, PA and DO only): its writes touch none of these pages' cells. The history has activities in each.
    /// </summary>
    public static readonly string[] PageCountries = ["BZ", "NI", "BS", "BB", "DM", "GD", "GY", "HT", "JM", "TT"];

    public static IReadOnlyList<string> PagePaths => [.. PageCountries.Select(c => $"countries/{c}")];

    public string Id => Scenario;
    public string Title => "CPU of 10 open dashboard pages while writes flow";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        const string untouchedName = "10 open country pages, 20 writes/s touching none of their cells";
        const string refreshName = "10 open country pages, 20 writes/s into their countries: CPU per page refresh";
        if (DashboardPages.ChromiumMissing)
            return [ScenarioResult.NotRun(Scenario, untouchedName, "chromium missing"), ScenarioResult.NotRun(Scenario, refreshName, "chromium missing")];

        var connectionString = await RebuildScenario.RebuiltAsync(context, Scenario);
        context.Step(Scenario, "starting the app on the loaded database");
        await using var app = await ProductApp.StartOnAsync(context, connectionString, "p11");
        var window = TimeSpan.FromSeconds(context.Sizes.PageSeconds);
        var writes = new Writes(app.Officer);

        // The first writes compile and fill the pools: not in any window.
        context.Step(Scenario, $"warming up: {WritesPerSecond} writes/s for {window.TotalSeconds} s, no pages open");
        await Load.AtRateAsync(WritesPerSecond, window, writes.Elsewhere);

        context.Step(Scenario, $"window 1: pages closed, {WritesPerSecond} writes/s elsewhere for {window.TotalSeconds} s");
        var closed = await MeasureAsync(app, window, writes.Elsewhere, pages: null);

        context.Step(Scenario, $"opening {PageCountries.Length} country pages in Chromium ({string.Join(", ", PageCountries)})");
        await using var pages = await DashboardPages.OpenAsync(app.Process.BaseAddress, "manager@bench.local", PagePaths);
        context.Step(Scenario, $"pages open: {await pages.VisibilityAsync()}");
        // The circuits' start-up (first reads, first renders) is not what an open page costs.
        await Task.Delay(TimeSpan.FromSeconds(3));

        context.Step(Scenario, $"window 2: pages open, {WritesPerSecond} writes/s elsewhere for {window.TotalSeconds} s");
        var untouched = await MeasureAsync(app, window, writes.Elsewhere, pages);
        context.Step(Scenario, $"window 3: pages open, {WritesPerSecond} writes/s into their countries for {window.TotalSeconds} s");
        var touched = await MeasureAsync(app, window, writes.IntoPages, pages);
        if (touched.Refreshes == 0)
            throw new InvalidOperationException($"the open pages showed no refresh in {touched.Seconds:0.0} s of writes into their countries: live updates did not reach them, so there is no CPU per refresh to report");

        var pagesShare = untouched.ShareOfCore - closed.ShareOfCore;
        var perRefresh = Math.Round((touched.CpuMilliseconds / touched.Seconds - untouched.CpuMilliseconds / untouched.Seconds) * touched.Seconds / touched.Refreshes, 3);
        var details = new Dictionary<string, double>
        {
            ["pages"] = pages.Pages.Count,
            ["window s"] = window.TotalSeconds,
            ["pages closed: app CPU % of a core"] = closed.ShareOfCore,
            ["pages open, writes elsewhere: app CPU % of a core"] = untouched.ShareOfCore,
            ["pages open, writes into them: app CPU % of a core"] = touched.ShareOfCore,
            ["refreshes seen, writes elsewhere"] = untouched.Refreshes,
            ["refreshes seen, writes into them"] = touched.Refreshes,
            ["writes/s"] = Math.Round((closed.Writes.PerSecond + untouched.Writes.PerSecond + touched.Writes.PerSecond) / 3, 1),
            ["failed writes"] = closed.Writes.Failures + untouched.Writes.Failures + touched.Writes.Failures,
        };
        ScenarioResult[] rows =
        [
            ScenarioResult.AtMost(Scenario, untouchedName, "% of a core", Math.Round(pagesShare, 2), GoalShareOfCore, details,
                untouched.Refreshes > 0
                    ? $"window 2 minus window 1; the pages re-rendered {untouched.Refreshes} times on writes that touch none of their cells"
                    : "window 2 minus window 1"),
            ScenarioResult.AtMost(Scenario, refreshName, "ms", perRefresh, GoalMillisecondsPerRefresh, details,
                "window 3 minus window 2, per refresh seen"),
        ];
        var failed = details["failed writes"];
        return failed > 0 ? [.. rows.Select(r => r.Invalid(writes.Failures.Describe((int)failed)))] : rows;
    }

    sealed record Window(double CpuMilliseconds, double Seconds, int Refreshes, Load.Outcome Writes)
    {
        public double ShareOfCore => Math.Round(CpuMilliseconds / Seconds / 10, 2);
    }

    /// <summary>The app's CPU time and the pages' re-renders over one window of writes at <see cref="WritesPerSecond"/>.</summary>
    static async Task<Window> MeasureAsync(ProductApp app, TimeSpan window, Func<Task<bool>> write, DashboardPages? pages)
    {
        var rendersBefore = pages is null ? 0 : await pages.RendersAsync();
        var cpuBefore = app.Process.ProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var outcome = await Load.AtRateAsync(WritesPerSecond, window, write);
        var cpu = (app.Process.ProcessorTime - cpuBefore).TotalMilliseconds;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var renders = pages is null ? 0 : await pages.RendersAsync() - rendersBefore;
        return new Window(cpu, seconds, renders, outcome);
    }

    /// <summary>Recordings by the officer, numbered across the windows so no two are the same activity.</summary>
    sealed class Writes(HttpClient officer)
    {
        int _number;

        public Failures Failures { get; } = new();

        public Task<bool> Elsewhere() => RecordAsync(SampleActivities.Number(Interlocked.Increment(ref _number)));

        public Task<bool> IntoPages()
        {
            var n = Interlocked.Increment(ref _number);
            return RecordAsync(SampleActivities.In(PageCountries[n % PageCountries.Length], n));
        }

        Task<bool> RecordAsync(RecordActivity activity) => Failures.GuardAsync(async () =>
            await Failures.CheckAsync(await officer.PostAsJsonAsync("/api/activities", activity, SampleActivities.Json), HttpStatusCode.Created));
    }
}
