using System.Net;
using ActivityTracker.Benchmarks.Harness;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P12: the memory the machine has to give the app with the loaded history (P3's rebuilt database) and ten dashboard
/// pages open, as production runs it (server GC, as every app process of the harness). A fresh app process starts on
/// the history, the ten country pages of P11 open in Chromium, and officers record <see cref="LivePagesScenario.WritesPerSecond"/>
/// activities a second into the pages' countries, so the daemon projects and every page refreshes, while the app's
/// resident memory (<c>VmRSS</c> of <c>/proc/&lt;pid&gt;/status</c>) is sampled four times a second. The figure is the
/// highest sample in that window. Goal: under 400 MB. Start-up's own peak (<c>VmHWM</c>) is in the details.
/// </summary>
public sealed class MemoryScenario : IScenario
{
    const string Scenario = "P12";
    const double GoalMegabytes = 400;

    public string Id => Scenario;
    public string Title => "app memory with the history and 10 open pages";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var name = $"app resident memory, {context.Sizes.Events:N0} events, 10 open country pages, {LivePagesScenario.WritesPerSecond} writes/s into them";
        if (DashboardPages.ChromiumMissing)
            return [ScenarioResult.NotRun(Scenario, name, "chromium missing")];

        var connectionString = await RebuildScenario.RebuiltAsync(context, Scenario);
        context.Step(Scenario, "starting a fresh app on the loaded database");
        await using var app = await ProductApp.StartOnAsync(context, connectionString, "p12");
        var started = app.Process.ResidentMegabytes;

        context.Step(Scenario, $"opening {LivePagesScenario.PageCountries.Length} country pages in Chromium");
        await using var pages = await DashboardPages.OpenAsync(app.Process.BaseAddress, "manager@bench.local", LivePagesScenario.PagePaths);
        var opened = app.Process.ResidentMegabytes;

        var window = TimeSpan.FromSeconds(context.Sizes.PageSeconds);
        context.Step(Scenario, $"{LivePagesScenario.WritesPerSecond} writes/s into the pages' countries for {window.TotalSeconds} s, sampling VmRSS");
        var failures = new Failures();
        var n = 0;
        Task<bool> Write() => failures.GuardAsync(async () =>
        {
            var number = Interlocked.Increment(ref n);
            var activity = SampleActivities.In(LivePagesScenario.PageCountries[number % LivePagesScenario.PageCountries.Length], number);
            return await failures.CheckAsync(await app.Officer.PostAsJsonAsync("/api/activities", activity, AppJson.Options), HttpStatusCode.Created);
        });
        var rendersBefore = await pages.RendersAsync();
        using var stop = new CancellationTokenSource();
        var sampling = SampleAsync(app.Process, stop.Token);
        var writes = await Load.AtRateAsync(LivePagesScenario.WritesPerSecond, window, Write);
        await stop.CancelAsync();
        var (peak, samples) = await sampling;
        var refreshes = await pages.RendersAsync() - rendersBefore;

        var row = ScenarioResult.AtMost(Scenario, name, "MB", peak, GoalMegabytes, new Dictionary<string, double>
        {
            ["after start MB"] = started,
            ["pages open MB"] = opened,
            ["at the end MB"] = app.Process.ResidentMegabytes,
            ["peak since start (VmHWM) MB"] = app.Process.PeakResidentMegabytes,
            ["samples"] = samples,
            ["refreshes seen"] = refreshes,
            ["writes/s"] = writes.PerSecond,
            ["failed writes"] = writes.Failures,
        }, "highest VmRSS sampled while the pages refresh");
        if (samples == 0)
            throw new InvalidOperationException("no sample of the app's resident memory was taken");
        return [writes.Failures > 0 ? row.Invalid(failures.Describe(writes.Failures)) : row];
    }

    /// <summary>The highest VmRSS of the app, sampled every 250 ms until <paramref name="stop"/>, and how many samples.</summary>
    static async Task<(double Peak, int Samples)> SampleAsync(AppProcess app, CancellationToken stop)
    {
        var (peak, samples) = (0d, 0);
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, app.ResidentMegabytes);
            samples++;
            try { await Task.Delay(250, stop); } catch (OperationCanceledException) { }
        }
        return (peak, samples);
    }
}
