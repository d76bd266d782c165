using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActivityTracker.Benchmarks.Harness;

/// <summary>
/// The published app (built with <c>codegen write</c>, so Production loads the generated code
/// statically) as a process of its own, as it runs in production; its output goes to a log file.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StreamWriter _log;
    readonly string _readyPath;

    public Uri BaseAddress { get; }

    AppProcess((Process Process, StreamWriter Log) launched, Uri baseAddress, string readyPath) =>
        (_process, _log, BaseAddress, _readyPath) = (launched.Process, launched.Log, baseAddress, readyPath);

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

    /// <summary>Starts the app listening on a free port; it is ready when <see cref="WaitReadyAsync"/> returns.</summary>
    public static AppProcess Start(string dll, IReadOnlyDictionary<string, string> environment, string logFile) =>
        Start(dll, [], environment, logFile, "/health/ready");

    /// <summary>
    /// The harness's own bare Npgsql API (<see cref="BaselineApi"/>) on <paramref name="connectionString"/>,
    /// started like the app (a process of its own, Production, server GC), ready when <c>/ready</c> answers.
    /// </summary>
    public static AppProcess StartBaselineApi(string connectionString, string logFile) =>
        Start(typeof(BaselineApi).Assembly.Location, [BaselineApi.Command], Environment(connectionString), logFile, "/ready");

    static AppProcess Start(string dll, string[] args, IReadOnlyDictionary<string, string> environment, string logFile, string readyPath)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var env = new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/') };
        return new AppProcess(Launch(dll, args, env, logFile), baseAddress, readyPath);
    }

    /// <summary>Runs one of the app's commands (db-apply, seed, add-admin, projections ...) to its end.</summary>
    public static async Task RunCommandAsync(string dll, IReadOnlyDictionary<string, string> environment, string logFile, params string[] args)
    {
        var (process, log) = Launch(dll, args, environment, logFile);
        int exitCode;
        using (process)
        await using (log)
        {
            await process.WaitForExitAsync();
            // Read before the process object is disposed (it throws afterwards).
            exitCode = process.ExitCode;
        }
        if (exitCode != 0)
            throw new InvalidOperationException($"`{Path.GetFileName(dll)} {string.Join(' ', args)}` exited with {exitCode}; see {logFile}");
    }

    /// <summary>Waits until <c>/health/ready</c> (the baseline API's <c>/ready</c>) answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the app exited during start-up with {_process.ExitCode}");
            try
            {
                if ((await http.GetAsync(_readyPath)).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) { }
            if (watch.Elapsed > timeout)
                throw new TimeoutException($"{BaseAddress}{_readyPath.TrimStart('/')} did not answer 200 within {timeout.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// CPU time the process has used so far (user + kernel), to tell CPU-bound from waiting. On Linux .NET reads it
    /// from <c>/proc/&lt;pid&gt;/stat</c> (utime + stime), in clock ticks of 10 ms: measure windows of seconds.
    /// </summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The app's resident memory now, in MB (<c>VmRSS</c> of <c>/proc/&lt;pid&gt;/status</c>): what the machine has to hold.</summary>
    public double ResidentMegabytes => StatusMegabytes("VmRSS");

    /// <summary>The most resident memory the app has held since it started (<c>VmHWM</c>), start-up included.</summary>
    public double PeakResidentMegabytes => StatusMegabytes("VmHWM");

    // The dotnet host runs the app in its own process (no child), so its pid is the app's.
    double StatusMegabytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"/proc/{_process.Id}/status has no {field} (has the app exited?)");
        // "VmRSS:	  123456 kB"
        return Math.Round(long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024d, 1);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        await _log.DisposeAsync();
    }

    // WaitForExitAsync returns once the redirected output has been read to its end, so the log closes after it.
    static (Process, StreamWriter) Launch(string dll, string[] args, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
        log.WriteLine($"--- {DateTimeOffset.UtcNow:O} {Path.GetFileName(dll)} {string.Join(' ', args)}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
