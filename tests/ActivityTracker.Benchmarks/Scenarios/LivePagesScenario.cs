using System.Diagnostics;
using System.Net;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Benchmarks.Harness;
using ActivityTracker.Dashboards;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P11: what dashboard pages left open cost the server, over the loaded history (P3's rebuilt database). Ten
/// country pages are open in Chromium (<see cref="DashboardPages"/>) while officers record <see cref="WritesPerSecond"/>
/// activities a second over the API. The app's CPU time (user + kernel, from <c>/proc/&lt;pid&gt;/stat</c>) is taken over
/// windows of the same writes (as many, at the same rate), in this order:
/// <list type="number">
/// <item>the pages closed, the writes in the countries <see cref="SampleActivities"/> records in: the writes' own cost;</item>
/// <item>the pages open, the same writes, which touch none of their cells;</item>
/// <item>the pages open, the writes into the pages' own countries: each page re-reads and re-renders when a cell it shows changed;</item>
/// <item>as 2;</item>
/// <item>as 1, the pages closed again.</item>
/// </list>
/// Each window ends once the projection has its writes and the pages have been told, so it holds all its writes
/// cost. What the open pages cost: windows 2 and 4 minus windows 1 and 5, over their time (goal: under 5 % of one
/// core). What a refresh costs: window 3 minus windows 2 and 4, divided by the refreshes the pages saw in window 3
/// (goal: under 1 ms).
/// Every window's figure is in the details, so a reader can redo the subtraction; windows 1 and 5 (or 2 and 4)
/// differ only by noise and drift, which shows how far to trust a difference. On a shared machine a window's CPU
/// moves by a few percent of a core: compare the windows of one run, and prefer long windows (the full run's).
/// </summary>
public sealed class LivePagesScenario : IScenario
{
    const string Scenario = "P11";
    const double GoalShareOfCore = 5;
    const double GoalMillisecondsPerRefresh = 1;
    public const int WritesPerSecond = 20;
    const int WarmUpRounds = 2;

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

        // Every path the windows take (writes, projection, circuits, refreshes) run before any window, so none pays for
        // its first use (the tiered JIT recompiles a fresh process's hot code for tens of seconds): with a warm-up of
        // writes alone, the first three windows of a quick run took three times the CPU of the last two.
        context.Step(Scenario, $"warming up: pages open, writes into them and elsewhere, {WarmUpRounds} x 2 x {window.TotalSeconds} s");
        await using (var warm = await DashboardPages.OpenAsync(app.Process.BaseAddress, "manager@bench.local", PagePaths))
            for (var i = 0; i < WarmUpRounds; i++)
            {
                await MeasureAsync(app, window, writes.IntoPages, warm);
                await MeasureAsync(app, window, writes.Elsewhere, warm);
            }

        // The windows run closed, open, into the pages, open, closed: each comparison is against the mean of the
        // windows on both sides of it, so a drift over the run (JIT, caches, a neighbour's load) cancels out.
        context.Step(Scenario, $"window 1: pages closed, {WritesPerSecond} writes/s elsewhere for {window.TotalSeconds} s");
        var closedBefore = await MeasureAsync(app, window, writes.Elsewhere, pages: null);

        context.Step(Scenario, $"opening {PageCountries.Length} country pages in Chromium ({string.Join(", ", PageCountries)})");
        Window untouchedBefore, touched, untouchedAfter;
        int pageCount;
        await using (var pages = await DashboardPages.OpenAsync(app.Process.BaseAddress, "manager@bench.local", PagePaths))
        {
            pageCount = pages.Pages.Count;
            context.Step(Scenario, $"pages open: {await pages.VisibilityAsync()}");
            // The circuits' start-up (first reads, first renders) is not what an open page costs.
            await Task.Delay(TimeSpan.FromSeconds(3));

            context.Step(Scenario, $"window 2: pages open, {WritesPerSecond} writes/s elsewhere for {window.TotalSeconds} s");
            untouchedBefore = await MeasureAsync(app, window, writes.Elsewhere, pages);
            context.Step(Scenario, $"window 3: pages open, {WritesPerSecond} writes/s into their countries for {window.TotalSeconds} s");
            touched = await MeasureAsync(app, window, writes.IntoPages, pages);
            context.Step(Scenario, $"window 4: pages open, {WritesPerSecond} writes/s elsewhere for {window.TotalSeconds} s");
            untouchedAfter = await MeasureAsync(app, window, writes.Elsewhere, pages);
        }
        // The server keeps a closed tab's circuit for minutes; the app must not spend on it (CircuitPresence).
        await Task.Delay(TimeSpan.FromSeconds(3));
        context.Step(Scenario, $"window 5: pages closed, {WritesPerSecond} writes/s elsewhere for {window.TotalSeconds} s");
        var closedAfter = await MeasureAsync(app, window, writes.Elsewhere, pages: null);
        if (touched.Refreshes == 0)
            throw new InvalidOperationException($"the open pages showed no refresh in {touched.Seconds:0.0} s of writes into their countries: live updates did not reach them, so there is no CPU per refresh to report");

        // Every window holds the same writes, projected and told to the pages before it ends: compare CPU totals.
        var closed = (closedBefore.CpuMilliseconds + closedAfter.CpuMilliseconds) / 2;
        var untouched = (untouchedBefore.CpuMilliseconds + untouchedAfter.CpuMilliseconds) / 2;
        var openSeconds = (untouchedBefore.Seconds + untouchedAfter.Seconds) / 2;
        double ShareOfCore(double milliseconds) => Math.Round(milliseconds / openSeconds / 10, 2);
        var pagesShare = ShareOfCore(untouched - closed);
        var perRefresh = Math.Round((touched.CpuMilliseconds - untouched) / touched.Refreshes, 2);
        Window[] all = [closedBefore, untouchedBefore, touched, untouchedAfter, closedAfter];
        // Windows 1 and 5, and 2 and 4, run the same load: how far apart they are is the noise a difference must beat.
        var noise = Math.Max(Math.Abs(closedBefore.CpuMilliseconds - closedAfter.CpuMilliseconds), Math.Abs(untouchedBefore.CpuMilliseconds - untouchedAfter.CpuMilliseconds));
        string Within(double difference) => Math.Abs(difference) < noise ? $"; within the noise ({noise:0} ms of CPU between repeated windows)" : "";
        var details = new Dictionary<string, double>
        {
            ["pages"] = pageCount,
            ["writes a window"] = WritesPerSecond * window.TotalSeconds,
            ["window s (mean)"] = Math.Round(all.Average(w => w.Seconds), 1),
            // The app's CPU time in each window.
            ["CPU ms w1 closed"] = closedBefore.CpuMilliseconds,
            ["w2 open"] = untouchedBefore.CpuMilliseconds,
            ["w3 open, writes into them"] = touched.CpuMilliseconds,
            ["w4 open"] = untouchedAfter.CpuMilliseconds,
            ["w5 closed"] = closedAfter.CpuMilliseconds,
            ["noise ms (repeated windows)"] = noise,
            ["app CPU % of a core, pages open"] = ShareOfCore(untouched),
            ["refreshes seen, writes elsewhere"] = untouchedBefore.Refreshes + untouchedAfter.Refreshes,
            ["refreshes seen, writes into them"] = touched.Refreshes,
            ["failed writes"] = all.Sum(w => w.Writes.Failures),
        };
        var strayRefreshes = untouchedBefore.Refreshes + untouchedAfter.Refreshes;
        ScenarioResult[] rows =
        [
            ScenarioResult.AtMost(Scenario, untouchedName, "% of a core", pagesShare, GoalShareOfCore, details,
                "windows 2 and 4 minus 1 and 5, over their time" + Within(untouched - closed)
                + (strayRefreshes > 0 ? $"; the pages re-rendered {strayRefreshes} times on writes that touch none of their cells" : "")),
            ScenarioResult.AtMost(Scenario, refreshName, "ms", perRefresh, GoalMillisecondsPerRefresh, details,
                "window 3 minus windows 2 and 4, per refresh seen" + Within(touched.CpuMilliseconds - untouched)),
        ];
        var failed = details["failed writes"];
        return failed > 0 ? [.. rows.Select(r => r.Invalid(writes.Failures.Describe((int)failed)))] : rows;
    }

    sealed record Window(double CpuMilliseconds, double Seconds, int Refreshes, Load.Outcome Writes);

    /// <summary>
    /// The app's CPU time and the pages' re-renders over one window: <paramref name="duration"/> of writes at
    /// <see cref="WritesPerSecond"/>, then until the Dashboards projection has them all and the pages have been told
    /// (a poll of <see cref="DashboardUpdates"/> later). So a window holds all its writes cost, wherever the
    /// projection's lag puts it; on a loaded machine the refreshes of one window's writes fell in the next.
    /// </summary>
    static async Task<Window> MeasureAsync(ProductApp app, TimeSpan duration, Func<Task<bool>> write, DashboardPages? pages)
    {
        var rendersBefore = pages is null ? 0 : await pages.RendersAsync();
        var cpuBefore = app.Process.ProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var outcome = await Load.AtRateAsync(WritesPerSecond, duration, write);
        await ProjectionProgress.WaitCaughtUpAsync(app.ConnectionString, $"{DashboardProjection.Name}:All", TimeSpan.FromMinutes(2));
        await Task.Delay(DashboardUpdates.Interval * 2);
        var cpu = (app.Process.ProcessorTime - cpuBefore).TotalMilliseconds;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var renders = pages is null ? 0 : await pages.RendersAsync() - rendersBefore;
        return new Window(Math.Round(cpu), seconds, renders, outcome);
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
            await Failures.CheckAsync(await officer.PostAsJsonAsync("/api/activities", activity, AppJson.Options), HttpStatusCode.Created));
    }
}
