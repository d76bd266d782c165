using System.Diagnostics;
using Spectre.Console;

namespace ActivityTracker.Benchmarks.Harness;

/// <summary>What every scenario gets: the options, the server's databases, a log folder and a progress line.</summary>
public sealed class BenchContext(BenchOptions options)
{
    readonly Stopwatch _clock = Stopwatch.StartNew();

    public BenchOptions Options { get; } = options;
    public Sizes Sizes => Options.Sizes;
    public Databases Databases { get; } = new(options.Postgres);

    /// <summary>Where the app processes of <paramref name="name"/> write their output.</summary>
    public string LogFile(string name)
    {
        var directory = Path.Combine(Options.OutDirectory, "logs");
        Directory.CreateDirectory(directory);
        return Path.GetFullPath(Path.Combine(directory, $"{name}.log"));
    }

    /// <summary>One line of progress, with the time since the run started.</summary>
    public void Step(string scenario, string message) =>
        AnsiConsole.MarkupLineInterpolated($"[grey]{_clock.Elapsed:mm\\:ss}[/] [bold]{scenario}[/] {message}");

    /// <summary>Progress through a long loop: a line every tenth.</summary>
    public Action<long> Every10Percent(string scenario, string what, long total)
    {
        var next = total / 10;
        return done =>
        {
            if (done < next || total < 10)
                return;
            Step(scenario, $"{what}: {done * 100 / total}% ({done:N0} of {total:N0})");
            next += total / 10;
        };
    }
}

/// <summary>One scenario of the report (P1 ... P8), with its baseline run next to it.</summary>
public interface IScenario
{
    string Id { get; }
    string Title { get; }
    Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context);
}
