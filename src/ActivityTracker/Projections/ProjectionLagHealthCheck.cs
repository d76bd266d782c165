using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ActivityTracker.Projections;

/// <summary>
/// Readiness of the async projections: Degraded, not Unhealthy, when a shard's oldest unprocessed
/// event is older than <see cref="ProjectionLagOptions.MaxLagSeconds"/> (the API still serves;
/// dashboards are stale). Its data lists every shard's <see cref="ShardLag"/>.
/// </summary>
public sealed class ProjectionLagHealthCheck(ProjectionLagMonitor monitor, IOptions<ProjectionLagOptions> options) : IHealthCheck
{
    public const string Name = "projections";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lags = await monitor.MeasureAsync(cancellationToken);
        var max = options.Value.MaxLagSeconds;
        var data = new Dictionary<string, object>
        {
            ["highestSequence"] = lags.Count == 0 ? 0 : lags.Max(l => l.HighestSequence),
            ["maxLagSeconds"] = max,
        };
        foreach (var lag in lags)
            data[lag.Shard] = lag;
        var behind = lags.Where(l => l.LagSeconds > max).ToList();
        return new HealthCheckResult(StatusOf(lags, max),
            behind.Count == 0
                ? "Every async projection is within its lag threshold."
                : string.Join(" ", behind.Select(l => string.Create(CultureInfo.InvariantCulture,
                    $"{l.Shard} is {l.LagEvents} events behind; its oldest unprocessed event is {l.LagSeconds:0} s old (threshold {max:0} s)."))),
            data: data);
    }

    public static HealthStatus StatusOf(IEnumerable<ShardLag> lags, double maxLagSeconds) =>
        lags.Any(l => l.LagSeconds > maxLagSeconds) ? HealthStatus.Degraded : HealthStatus.Healthy;
}
