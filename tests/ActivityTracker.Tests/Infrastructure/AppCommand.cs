using System.Diagnostics;

namespace ActivityTracker.Tests.Infrastructure;

/// <summary>The app's command line (<c>db-apply</c>, <c>seed</c>, ...) as a deployment runs it: its own process, from the build output.</summary>
public static class AppCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ActivityTracker.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A command of a Development build compiles the generated code first (Roslyn, tens of seconds of CPU); with every suite
        // running side by side on two cores, db-apply once took more than two minutes. A hang still fails the test.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
