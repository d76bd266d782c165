using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ActivityTracker.Testing;

/// <summary>How to start one app process: which assembly, from where, with which environment, and where its output goes.</summary>
/// <param name="Dll">The app's <c>ActivityTracker.dll</c> (built or published), or another web assembly (the benchmarks' baseline API).</param>
/// <param name="WorkingDirectory">The content root (seeds/ and wwwroot are found from there); the assembly's folder when null.</param>
/// <param name="LogFile">Where every line of output is appended; when null only the last lines are kept, for failure messages.</param>
/// <param name="ReadyPath">What answers 200 once the app serves.</param>
/// <param name="Arguments">Its command line when it serves (a command's own arguments come after them).</param>
public sealed record AppLaunch(string Dll, IReadOnlyDictionary<string, string> Environment, string? WorkingDirectory = null,
    string? LogFile = null, string ReadyPath = "/health/ready", IReadOnlyList<string>? Arguments = null)
{
    /// <summary>The repository's root (where ActivityTracker.sln is), found from the running assembly's folder.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The app project's folder: the content root of a built app.</summary>
    public static string AppProject => Path.Combine(RepositoryRoot, "src", "ActivityTracker");

    /// <summary>The app as the solution's build left it, in Development (demo accounts allowed) on <paramref name="connectionString"/>.</summary>
    /// <param name="configuration">The build configuration the tests were built with (Debug, Release).</param>
    public static AppLaunch Built(string configuration, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(AppProject, "bin", configuration, "net10.0", "ActivityTracker.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build the solution first (deploy/test.sh does).");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            // The rate limits protect a deployment from one client; tests are many requests of one user.
            ["Limits__WritesPerMinute"] = "1000000",
            ["Limits__SignInsPerMinute"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            environment[name] = value;
        return new AppLaunch(dll, environment, AppProject);
    }

    static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActivityTracker.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"ActivityTracker.sln not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>
/// The app as it is deployed: <c>dotnet ActivityTracker.dll</c> in a process of its own, so that it can be killed with SIGKILL
/// mid-request and its CPU and memory read as the machine sees them. Also runs the app's commands (<c>db-apply</c>,
/// <c>seed</c>, <c>projections rebuild</c>) the same way.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _recent = new();
    readonly StreamWriter? _log;
    readonly string _readyPath;

    /// <summary>Where it listens; a command (no port) has none to speak of.</summary>
    public Uri BaseAddress { get; }

    AppProcess(AppLaunch launch, string[] arguments, Uri baseAddress, int? port)
    {
        (BaseAddress, _readyPath) = (baseAddress, launch.ReadyPath);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = launch.WorkingDirectory ?? Path.GetDirectoryName(Path.GetFullPath(launch.Dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(launch.Dll);
        foreach (var argument in (launch.Arguments ?? []).Concat(arguments))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in launch.Environment)
            start.Environment[name] = value;
        if (port is { } p)
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{p}";
        if (launch.LogFile is { } file)
        {
            _log = new StreamWriter(file, append: true) { AutoFlush = true };
            _log.WriteLine($"--- {DateTimeOffset.UtcNow:O} {Path.GetFileName(launch.Dll)} {string.Join(' ', arguments)}");
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the app listening on a free port; it serves once <see cref="WaitReadyAsync"/> returns.</summary>
    public static AppProcess Start(AppLaunch launch)
    {
        var port = Ports.Free();
        return new AppProcess(launch, [], new Uri($"http://127.0.0.1:{port}/"), port);
    }

    /// <summary>Starts the app and waits until it serves; disposes it and throws, with its output, if it does not within <paramref name="within"/>.</summary>
    public static async Task<AppProcess> StartReadyAsync(AppLaunch launch, TimeSpan? within = null)
    {
        var app = Start(launch);
        try
        {
            await app.WaitReadyAsync(within ?? TimeSpan.FromSeconds(120));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one of the app's commands (e.g. <c>projections rebuild</c>) without waiting for it, to kill it mid-way.</summary>
    public static AppProcess StartCommand(AppLaunch launch, params string[] arguments) =>
        new(launch, arguments, new Uri("http://127.0.0.1/"), port: null);

    /// <summary>Runs one of the app's commands to its end; throws with its output unless it exits 0 within <paramref name="within"/>.</summary>
    public static async Task<string> RunCommandAsync(AppLaunch launch, TimeSpan within, params string[] arguments)
    {
        await using var command = StartCommand(launch, arguments);
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await command._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"`{string.Join(' ', arguments)}` did not finish in {within}:\n{command.Output}");
        }
        // WaitForExitAsync returns once the redirected output has been read to its end.
        return command._process.ExitCode == 0
            ? command.Output
            : throw new InvalidOperationException($"`{string.Join(' ', arguments)}` exited with {command._process.ExitCode}:\n{command.Output}");
    }

    /// <summary>Waits until the launch's ready path answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < within)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                if ((await client.GetAsync(_readyPath.TrimStart('/'))).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{BaseAddress}{_readyPath.TrimStart('/')} did not answer 200 within {within}:\n{Output}");
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the app wrote, for failure messages.</summary>
    public string Output => string.Join('\n', _recent);

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
        return Math.Round(long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024d, 1);
    }

    /// <summary>SIGKILL: no graceful shutdown, no flushing, requests in flight cut off.</summary>
    public void Kill()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(30_000);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        if (_log is not null)
            await _log.DisposeAsync();
    }

    void Keep(string? line)
    {
        if (line is null)
            return;
        if (_log is not null)
            lock (_log)
                _log.WriteLine(line);
        _recent.Enqueue(line);
        while (_recent.Count > 400 && _recent.TryDequeue(out _)) { }
    }
}
