using System.Globalization;

namespace ActivityTracker.Benchmarks.Harness;

/// <summary>
/// One line of the report: the product's figure next to the baseline's, measured in the same run.
/// <see cref="Ratio"/> is always "how close the product gets to the baseline" (1 = as good), so it is
/// measured / baseline for throughputs and baseline / measured for times. Scenarios with an absolute
/// goal (a latency bound, a connection count) have no baseline and no ratio.
/// </summary>
/// <param name="Scenario">P1 ... P8.</param>
/// <param name="Name">What was measured, e.g. "record an activity, 8 clients".</param>
/// <param name="Unit">ops/s, s, ms, connections.</param>
/// <param name="Goal">The goal in words, e.g. "ratio >= 0.5".</param>
/// <param name="Met">Whether the goal was met in this run.</param>
/// <param name="Details">Further figures (p50, p99, peak connections, ...) by name.</param>
public sealed record ScenarioResult(
    string Scenario,
    string Name,
    string Unit,
    double Measured,
    double? Baseline,
    double? Ratio,
    string Goal,
    bool Met,
    IReadOnlyDictionary<string, double> Details,
    string? Note = null)
{
    /// <summary>A throughput (higher is better) against its baseline.</summary>
    public static ScenarioResult Throughput(string scenario, string name, string unit, double measured, double baseline, double minRatio,
        IReadOnlyDictionary<string, double> details, string? note = null) =>
        new(scenario, name, unit, measured, baseline, RatioOf(measured, baseline), $"ratio >= {minRatio.ToString(CultureInfo.InvariantCulture)}",
            RatioOf(measured, baseline) >= minRatio, details, note);

    /// <summary>A duration (lower is better) against its baseline: ratio = baseline / measured.</summary>
    public static ScenarioResult Duration(string scenario, string name, string unit, double measured, double baseline, double minRatio,
        IReadOnlyDictionary<string, double> details, string? note = null) =>
        new(scenario, name, unit, measured, baseline, RatioOf(baseline, measured), $"ratio >= {minRatio.ToString(CultureInfo.InvariantCulture)}",
            RatioOf(baseline, measured) >= minRatio, details, note);

    /// <summary>The goal text of a row reported for context only (e.g. P1 at 1 and 32 clients): it has no goal, so it cannot miss one.</summary>
    public const string NoGoal = "reported";

    /// <summary>A throughput next to its baseline, with its ratio, but no goal.</summary>
    public static ScenarioResult Reported(string scenario, string name, string unit, double measured, double baseline,
        IReadOnlyDictionary<string, double> details, string? note = null) =>
        new(scenario, name, unit, measured, baseline, RatioOf(measured, baseline), NoGoal, true, details, note);

    /// <summary>The goal text of a row that could not be measured on this machine (e.g. no browser): no figure, so neither met nor missed.</summary>
    public const string NotRunGoal = "not run";

    /// <summary>A row saying why a scenario did not measure here, instead of a crash or a figure of 0.</summary>
    public static ScenarioResult NotRun(string scenario, string name, string why) =>
        new(scenario, name, "", 0, null, null, NotRunGoal, true, new Dictionary<string, double>(), $"not run: {why}");

    /// <summary>The same row, not met: a measurement with failed operations is not a valid measurement.</summary>
    public ScenarioResult Invalid(string why) => this with { Met = false, Note = Note is null ? why : $"{Note}; {why}" };

    /// <summary>A figure with an absolute bound and no baseline (lower is better).</summary>
    public static ScenarioResult AtMost(string scenario, string name, string unit, double measured, double bound,
        IReadOnlyDictionary<string, double> details, string? note = null) =>
        new(scenario, name, unit, measured, null, null, $"<= {bound.ToString(CultureInfo.InvariantCulture)} {unit}", measured <= bound, details, note);

    static double RatioOf(double top, double bottom) => bottom <= 0 ? 0 : Math.Round(top / bottom, 3);
}
