namespace ActivityTracker.Benchmarks.Harness;

/// <summary>
/// What one run measures and at which sizes. <c>--quick</c> runs every scenario at small sizes
/// (a smoke run for CI, so the harness never rots); the full run uses the sizes of the issue.
/// </summary>
public sealed record BenchOptions(bool Quick, string OutDirectory, IReadOnlySet<string> Only, string AppDll, string Postgres, int? Events = null)
{
    public const string PostgresVariable = "ACTIVITYTRACKER_BENCH_POSTGRES";
    public const string AppVariable = "ACTIVITYTRACKER_BENCH_APP";

    /// <summary>The sizes of the run; <c>--events N</c> sets the bulk scenarios' history to a size in between, to iterate on them.</summary>
    public Sizes Sizes => (Quick ? Sizes.QuickRun : Sizes.FullRun) with { Events = Events ?? (Quick ? Sizes.QuickRun : Sizes.FullRun).Events };

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        // In any case: `--only p5b` runs P5b.
        var only = (Value("--only") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new BenchOptions(
            Quick: args.Contains("--quick"),
            Events: Value("--events") is { } events ? int.Parse(events, System.Globalization.CultureInfo.InvariantCulture) : null,
            OutDirectory: Value("--out") ?? "bench-results",
            Only: only,
            AppDll: Value("--app") ?? Environment.GetEnvironmentVariable(AppVariable) ?? throw new ArgumentException($"--app or {AppVariable}: the published app (ActivityTracker.dll, built with codegen write)"),
            Postgres: Environment.GetEnvironmentVariable(PostgresVariable)
                ?? throw new ArgumentException($"{PostgresVariable}: a connection string to a PostgreSQL server the harness may create databases in (deploy/bench.sh starts one)"));
    }
}

/// <summary>The sizes of each scenario.</summary>
/// <param name="Events">Events loaded for the bulk scenarios (P2, P3, P6).</param>
/// <param name="WriteSeconds">How long each write load (P1) runs per client count.</param>
/// <param name="LagSeconds">How long the sustained rate of P4 runs.</param>
/// <param name="LagRate">Events per second P4 sustains.</param>
/// <param name="ReadSeconds">How long the fixed read load of P5 runs.</param>
/// <param name="ReadRate">Requests per second P5 sends.</param>
/// <param name="ColdStarts">Cold starts P7 takes the median of.</param>
/// <param name="AsOfRequests">Requests of each as-of dashboard P6 times (after one to warm up).</param>
/// <param name="DashboardActivities">Activities recorded through the API before P5 reads a dashboard.</param>
/// <param name="PageSeconds">How long each CPU window of P11 and P12's memory window run with the pages open (CPU is counted in 10 ms ticks).</param>
public sealed record Sizes(int Events, int WriteSeconds, int LagSeconds, int LagRate, int ReadSeconds, int ReadRate, int ColdStarts, int AsOfRequests, int DashboardActivities,
    int PageSeconds)
{
    public static readonly Sizes FullRun = new(Events: 1_000_000, WriteSeconds: 15, LagSeconds: 30, LagRate: 1_000, ReadSeconds: 15, ReadRate: 200, ColdStarts: 3,
        AsOfRequests: 9, DashboardActivities: 3_000, PageSeconds: 30);
    public static readonly Sizes QuickRun = new(Events: 20_000, WriteSeconds: 3, LagSeconds: 5, LagRate: 200, ReadSeconds: 3, ReadRate: 50, ColdStarts: 1,
        AsOfRequests: 3, DashboardActivities: 200, PageSeconds: 5);
}
