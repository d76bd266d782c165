using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.Activities.Listing;
using ActivityTracker.Benchmarks.Harness;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P10: how long the server takes to answer the UI's dashboard pages with their figures in them, over the loaded
/// history (P3's rebuilt database; at full size about 200,000 activities, twice the 100,000). A browser's
/// first request of a page gets HTML prerendered on the server with the figures read (Blazor then takes over in a
/// circuit, which this does not start): the home page, Mexico's (or the officer's country's) page and the figures
/// explorer, each as a manager and as an officer of one programme in one country, signed in through the sign-in
/// form (the pages take the cookie, not a bearer token). The time is the whole response, from the request to the
/// last byte of the HTML; each answer must be a 200 whose HTML holds the page's figures. Goal: a median under 150 ms.
/// </summary>
public sealed partial class PrerenderScenario : IScenario
{
    const string Scenario = "P10";
    const double GoalMilliseconds = 150;
    const int Requests = 15;

    public string Id => Scenario;
    public string Title => "server time to render the dashboard pages with their figures";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var connectionString = await RebuildScenario.RebuiltAsync(context, Scenario);
        context.Step(Scenario, "starting the app on the loaded database");
        await using var app = await ProductApp.StartOnAsync(context, connectionString, "p10");
        // The officer is created over the API, then signs in as a browser does.
        (await app.SignInNewUserAsync("officer.p10@bench.local", Roles.Officer, ["MESO-CARIB"], ["GT"])).Dispose();
        using var manager = await ProductApp.SignInToPagesAsync(app.Process.BaseAddress, "manager@bench.local");
        using var officer = await ProductApp.SignInToPagesAsync(app.Process.BaseAddress, "officer.p10@bench.local");
        var activities = (await app.Manager.GetFromJsonAsync<ActivityPage>("/api/activities?pageSize=1&includeTotal=true", AppJson.Options))!.TotalItems!.Value;

        // The figure blocks carry data-testid attributes the browser tests also rely on (SliceFigures.razor, FiguresExplorer.razor).
        (string Who, HttpClient Client, string Page, string Path, Regex Figures)[] pages =
        [
            ("manager", manager, "home", "/", SliceActivities()),
            ("manager", manager, "country page (MX)", "/countries/MX", SliceActivities()),
            ("manager", manager, "figures explorer", "/figures", ExplorerActivities()),
            ("officer MESO-CARIB/GT", officer, "home", "/", SliceActivities()),
            ("officer MESO-CARIB/GT", officer, "country page (GT)", "/countries/GT", SliceActivities()),
            ("officer MESO-CARIB/GT", officer, "figures explorer", "/figures", ExplorerActivities()),
        ];
        var results = new List<ScenarioResult>();
        foreach (var (who, client, page, path, figures) in pages)
        {
            var (latencies, kilobytes) = await TimeAsync(context, client, path, figures);
            results.Add(ScenarioResult.AtMost(Scenario, $"{who}: {page}, {activities:N0} activities", "ms", latencies.Percentile(50), GoalMilliseconds,
                new Dictionary<string, double> { ["p90 ms"] = latencies.Percentile(90), ["slowest ms"] = latencies.Percentile(100), ["HTML KB"] = kilobytes },
                "median, request to last byte of the prerendered HTML"));
        }
        return results;
    }

    /// <summary>
    /// One request to warm up, then <see cref="Requests"/> timed ones, each read to its last byte; each must be a 200
    /// (not the sign-in page's redirect) with figures counting activities in its HTML.
    /// </summary>
    static async Task<(Latencies Latencies, double Kilobytes)> TimeAsync(BenchContext context, HttpClient client, string path, Regex figures)
    {
        context.Step(Scenario, $"GET {path}");
        var latencies = new Latencies();
        var kilobytes = 0d;
        for (var i = 0; i <= Requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            var html = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
            var counted = figures.Matches(html).Select(m => int.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToList();
            if (counted.Count == 0 || counted.Max() == 0)
                throw new InvalidOperationException($"GET {path}: the prerendered HTML holds no figures counting activities (looked for {figures})");
            kilobytes = Math.Round(html.Length / 1024d, 1);
            if (i > 0)
                latencies.Add(elapsed);
        }
        return (latencies, kilobytes);
    }

    /// <summary>The activities of a slice's figures (SliceFigures.razor), e.g. <c>data-testid="activities"&gt;1,234&lt;</c>.</summary>
    [GeneratedRegex("data-testid=\"activities\">([0-9,]+)<")]
    private static partial Regex SliceActivities();

    /// <summary>The activities column of the explorer's table (FiguresExplorer.razor).</summary>
    [GeneratedRegex("data-testid=\"explore-activities\"[^>]*>([0-9,]+)<")]
    private static partial Regex ExplorerActivities();
}
