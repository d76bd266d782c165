using ActivityTracker.Benchmarks.Harness;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P8: the most server connections each scenario's product side held at once (sampled by
/// <see cref="ConnectionPeak"/> and reported in its details), against the goal of 20.
/// </summary>
public static class PeakConnections
{
    public const string Detail = "peak connections";
    const int Goal = 20;

    public static IEnumerable<ScenarioResult> From(IEnumerable<ScenarioResult> results) => results
        .Where(r => r.Details.ContainsKey(Detail))
        .GroupBy(r => r.Scenario)
        .Select(g => ScenarioResult.AtMost("P8", $"peak PostgreSQL connections in {g.Key}", "connections", g.Max(r => r.Details[Detail]), Goal,
            new Dictionary<string, double>()));
}
