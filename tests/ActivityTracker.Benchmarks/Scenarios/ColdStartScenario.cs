using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ActivityTracker.Benchmarks.Harness;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P7: from process start to the first 201 of a write, for the published app (pre-generated code
/// loaded statically) and for the bare Npgsql minimal API, on the same database and schema. The
/// officer's token comes from an earlier process of the app: the Data Protection keys are in the
/// database, so it stays valid across restarts and signing in is not part of the cold start.
/// Median of <see cref="Sizes.ColdStarts"/> starts each. Goals: under 2 s, and at most 1.5x the baseline.
/// </summary>
public sealed class ColdStartScenario : IScenario
{
    const double GoalSeconds = 2;
    const double GoalTimes = 1.5;

    public string Id => "P7";
    public string Title => "cold start to the first successful write";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        string connectionString;
        AuthenticationHeaderValue token;
        await using (var first = await ProductApp.StartAsync(context, "p7"))
            (connectionString, token) = (first.ConnectionString, first.Officer.DefaultRequestHeaders.Authorization!);
        await BaselineApi.CreateTableAsync(connectionString);

        var product = new List<double>();
        var baseline = new List<double>();
        for (var i = 1; i <= context.Sizes.ColdStarts; i++)
        {
            // Taken in turns, so both see the machine in the same state.
            product.Add(await FirstWriteAsync(() => PublishedApp.Start(context.Options.AppDll, PublishedApp.Environment(connectionString), context.LogFile("p7")),
                "/api/activities", token, i));
            baseline.Add(await FirstWriteAsync(() => PublishedApp.StartBaselineApi(connectionString, context.LogFile("p7-baseline")), "/activities", null, i));
            context.Step(Id, $"start {i} of {context.Sizes.ColdStarts}: product {product[^1]:0.000} s, baseline {baseline[^1]:0.000} s");
        }

        var (measured, bare) = (Median(product), Median(baseline));
        var details = new Dictionary<string, double> { ["baseline s"] = bare, ["slowest s"] = product.Max(), ["fastest s"] = product.Min() };
        return
        [
            ScenarioResult.Duration(Id, "cold start to the first write (at most 1.5x the bare API)", "s", measured, bare, Math.Round(1 / GoalTimes, 3), details),
            ScenarioResult.AtMost(Id, "cold start to the first write", "s", measured, GoalSeconds, details),
        ];
    }

    /// <summary>Starts a process and posts an activity every 10 ms until one is created; the seconds from start to that 201.</summary>
    static async Task<double> FirstWriteAsync(Func<AppProcess> start, string path, AuthenticationHeaderValue? token, int number)
    {
        var watch = Stopwatch.StartNew();
        await using var process = start();
        using var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = token;
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{process.BaseAddress} exited during start-up");
            try
            {
                using var response = await http.PostAsJsonAsync(path, SampleActivities.Number(number), AppJson.Options);
                if (response.StatusCode == HttpStatusCode.Created)
                    return Math.Round(watch.Elapsed.TotalSeconds, 3);
                // Anything but 201 once it answers is a broken start, not a slow one.
                throw new InvalidOperationException($"the first write to {process.BaseAddress} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException) when (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                // Not listening yet.
            }
            await Task.Delay(10);
        }
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : Math.Round((sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 3);
    }
}
