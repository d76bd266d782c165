using ActivityTracker.Benchmarks.Harness;
using ActivityTracker.Benchmarks.Scenarios;
using Spectre.Console;

// deploy/bench.sh [--quick] runs this: every scenario next to its baseline, in one run, then the report.
if (args.FirstOrDefault() == BaselineApi.Command)
    return await BaselineApi.RunAsync(args[1..]);

var options = BenchOptions.Parse(args);
var context = new BenchContext(options);
var run = RunInfo.Now(options.Quick);
IScenario[] scenarios =
[
    new RecordingScenario(), new BulkImportScenario(), new RebuildScenario(), new ProjectionLagScenario(),
    new DashboardReadScenario(), new AsOfScenario(), new ScopedDashboardScenario(), new ColdStartScenario(), new ScaleOutScenario(), new ListScenario(),
    // Last: P11 and P12 record activities into the loaded history, which the others read as it was loaded.
    new PrerenderScenario(), new LivePagesScenario(), new MemoryScenario(),
];

var results = new List<ScenarioResult>();
var crashed = false;
foreach (var scenario in scenarios.Where(s => options.Runs(s.Id)))
{
    context.Step(scenario.Id, $"[{scenario.Title}] starting");
    try
    {
        results.AddRange(await scenario.RunAsync(context));
    }
    catch (Exception e)
    {
        // A scenario that cannot run is a broken harness: the run fails (a missed goal does not).
        crashed = true;
        context.Step(scenario.Id, $"failed: {e}");
        results.Add(new ScenarioResult(scenario.Id, scenario.Title, "", 0, null, null, "runs", false, new Dictionary<string, double>(), $"failed: {e.GetType().Name}: {e.Message}"));
    }
}
results.AddRange(PeakConnections.From(results));

var (markdown, json) = await Report.WriteAsync(options.OutDirectory, run, results);
AnsiConsole.WriteLine();
// As plain text: a failure's message may hold braces or brackets, which markup and format strings would read.
AnsiConsole.Write(new Text(Report.Markdown(run, results)));
AnsiConsole.MarkupLineInterpolated($"Written: {markdown}, {json}");
return crashed ? 1 : 0;
