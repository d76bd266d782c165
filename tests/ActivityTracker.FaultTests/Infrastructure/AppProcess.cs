using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace ActivityTracker.FaultTests.Infrastructure;

/// <summary>
/// The app as it is deployed: <c>dotnet ActivityTracker.dll</c> from the app project's build
/// output, in its own process, so that it can be killed with SIGKILL mid-request. Also runs the
/// app's commands (<c>db-apply</c>, <c>seed</c>, <c>projections rebuild</c>) the same way.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _output;

    public Uri BaseAddress { get; }

    AppProcess(Process process, ConcurrentQueue<string> output, Uri baseAddress) => (_process, _output, BaseAddress) = (process, output, baseAddress);

    /// <summary>The repository's root (where ActivityTracker.sln is), found from the test assembly's folder.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    static string AppProject => Path.Combine(RepositoryRoot, "src", "ActivityTracker");

    static string AppDll
    {
        get
        {
            var configuration = typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
            var dll = Path.Combine(AppProject, "bin", configuration, "net10.0", "ActivityTracker.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first (deploy/test.sh does).");
        }
    }

    /// <summary>
    /// Starts the app on a free port and waits until <c>/health/ready</c> answers 200;
    /// <paramref name="settings"/> are extra environment variables (e.g. another node's settings).
    /// </summary>
    public static async Task<AppProcess> StartAsync(string connectionString, TimeSpan? readyWithin = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var output = new ConcurrentQueue<string>();
        var process = Launch(connectionString, [], output, port, settings);
        var app = new AppProcess(process, output, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await app.WaitUntilReadyAsync(readyWithin ?? TimeSpan.FromSeconds(120));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one of the app's commands (e.g. <c>projections rebuild</c>) without waiting for it, to kill it mid-way.</summary>
    public static AppProcess StartCommand(string connectionString, params string[] arguments)
    {
        var output = new ConcurrentQueue<string>();
        return new AppProcess(Launch(connectionString, arguments, output, port: null), output, new Uri("http://127.0.0.1/"));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Runs one of the app's commands to its end; throws with its output unless it exits 0.</summary>
    public static async Task<string> RunCommandAsync(string connectionString, params string[] arguments)
    {
        var output = new ConcurrentQueue<string>();
        using var process = Launch(connectionString, arguments, output, port: null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', arguments)}` did not finish in 3 minutes:\n{string.Join('\n', output)}");
        }
        process.WaitForExit(); // drains the redirected output
        var text = string.Join('\n', output);
        return process.ExitCode == 0 ? text : throw new InvalidOperationException($"`{string.Join(' ', arguments)}` exited with {process.ExitCode}:\n{text}");
    }

    static Process Launch(string connectionString, string[] arguments, ConcurrentQueue<string> output, int? port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root, as `dotnet run` would have it (seeds/ and wwwroot are found from there).
            WorkingDirectory = AppProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // demo accounts are allowed only there
        start.Environment["Limits__WritesPerMinute"] = "1000000";
        start.Environment["Limits__SignInsPerMinute"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (port is { } p)
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{p}";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
            return;
        output.Enqueue(line);
        while (output.Count > 400 && output.TryDequeue(out _)) { }
    }

    public async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                if ((await client.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The app was not ready within {within}:\n{Output}");
    }

    /// <summary>The last lines the app wrote, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>SIGKILL: no graceful shutdown, no flushing, requests in flight cut off.</summary>
    public void Kill()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(30_000);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActivityTracker.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"ActivityTracker.sln not found above {AppContext.BaseDirectory}");
    }
}
