namespace ActivityTracker.Benchmarks.Harness;

/// <summary>
/// The published app (built with <c>codegen write</c>, so Production loads the generated code statically) as a process of its
/// own, as it runs in production; its output goes to the run's log file.
/// </summary>
public static class PublishedApp
{
    /// <summary>The environment of every app process of a run: Production, its database, limits out of the way of the load.</summary>
    public static Dictionary<string, string> Environment(string connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Postgres"] = connectionString,
        // The rate limits protect a real deployment from one client; the load here is many requests of one user.
        ["Limits__WritesPerMinute"] = "100000000",
        ["Limits__SignInsPerMinute"] = "100000",
        // Warnings and errors only, as a production node is configured; request logs would measure the console.
        ["Logging__LogLevel__Default"] = "Warning",
        // ... except the daemon's high-water agent, whose skips of sequence gaps P4 counts in the log.
        ["Logging__LogLevel__JasperFx.Events.Daemon"] = "Information",
        ["DOTNET_gcServer"] = "1",
    };

    /// <summary>Starts the app listening on a free port; it is ready when <see cref="AppProcess.WaitReadyAsync"/> returns.</summary>
    public static AppProcess Start(string dll, IReadOnlyDictionary<string, string> environment, string logFile) =>
        AppProcess.Start(new AppLaunch(dll, environment, LogFile: logFile));

    /// <summary>
    /// The harness's own bare Npgsql API (<see cref="BaselineApi"/>) on <paramref name="connectionString"/>,
    /// started like the app (a process of its own, Production, server GC), ready when <c>/ready</c> answers.
    /// </summary>
    public static AppProcess StartBaselineApi(string connectionString, string logFile) =>
        AppProcess.Start(new AppLaunch(typeof(BaselineApi).Assembly.Location, Environment(connectionString), LogFile: logFile,
            ReadyPath: "/ready", Arguments: [BaselineApi.Command]));

    /// <summary>Runs one of the app's commands (db-apply, seed, add-admin, projections ...) to its end; a rebuild at full size takes a while.</summary>
    public static Task RunCommandAsync(string dll, IReadOnlyDictionary<string, string> environment, string logFile, params string[] args) =>
        AppProcess.RunCommandAsync(new AppLaunch(dll, environment, LogFile: logFile), TimeSpan.FromHours(3), args);
}
