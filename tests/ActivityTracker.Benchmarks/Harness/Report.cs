using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActivityTracker.Benchmarks.Harness;

/// <summary>Writes the run's results as <c>results.md</c> (the table tests/ActivityTracker.Benchmarks/README.md quotes) and <c>results.json</c>.</summary>
public static class Report
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<(string Markdown, string Json)> WriteAsync(string directory, RunInfo run, IReadOnlyList<ScenarioResult> results)
    {
        Directory.CreateDirectory(directory);
        var markdown = Path.Combine(directory, "results.md");
        var json = Path.Combine(directory, "results.json");
        await File.WriteAllTextAsync(markdown, Markdown(run, results));
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { run, results }, Json));
        return (markdown, json);
    }

    public static string Markdown(RunInfo run, IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Run {run.StartedAt:yyyy-MM-dd HH:mm} UTC{(run.Quick ? " (quick sizes: a smoke run, not figures)" : "")}, {run.Machine}.")
            .AppendLine()
            .AppendLine("| | Scenario | Product | Baseline | Ratio | Goal | Met | Details |")
            .AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Name} | {(r.Goal == ScenarioResult.NotRunGoal ? "" : $"{Figure(r.Measured)} {r.Unit}")} | {(r.Baseline is { } b ? $"{Figure(b)} {r.Unit}" : "")} | {r.Ratio?.ToString("0.00", CultureInfo.InvariantCulture)} | {r.Goal} | {(r.Goal is ScenarioResult.NoGoal or ScenarioResult.NotRunGoal ? "" : r.Met ? "yes" : "**no**")} | {Details(r)} |");
        return text.ToString();
    }

    static string Details(ScenarioResult r) => string.Join(", ", r.Details.Select(d => $"{d.Key} {Figure(d.Value)}")
        .Concat(r.Note is null ? [] : [r.Note]));

    static string Figure(double value) => value switch
    {
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}

/// <summary>When and where a run happened, so figures are never quoted without their machine.</summary>
public sealed record RunInfo(DateTimeOffset StartedAt, bool Quick, string Machine)
{
    public static RunInfo Now(bool quick) => new(DateTimeOffset.UtcNow, quick,
        $"{Environment.ProcessorCount} cores, {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024d / 1024 / 1024)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
}
