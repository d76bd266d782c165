using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActivityTracker.Dashboards.Reads;

/// <summary>
/// Where dashboard reads go now and how stale the replica is: Healthy while they go to the replica,
/// Degraded (still 200: the dashboards are served, by the primary) while they fall back.
/// </summary>
public sealed class ReplicaHealthCheck(ReplicaMonitor monitor, TimeProvider clock) : IHealthCheck
{
    public const string Name = "dashboardReads";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var reading = monitor.Latest;
        var onReplica = monitor.ReplicaToRead() is not null;
        var data = new Dictionary<string, object>
        {
            ["source"] = onReplica ? "replica" : "primary",
            ["maxStalenessSeconds"] = monitor.MaxStaleness.TotalSeconds,
            ["replayPaused"] = reading.ReplayPaused,
        };
        if (reading.StalenessAt(now) is { } staleness)
            data["stalenessSeconds"] = Math.Round(staleness.TotalSeconds, 3);
        if (reading.FreshAsOf is { } freshAsOf)
            data["freshAsOf"] = freshAsOf;
        if (reading.SampledAt is { } sampledAt)
            data["sampledAt"] = sampledAt;
        if (reading.PrimaryLsn is { } primaryLsn)
            data["primaryLsn"] = primaryLsn.ToString();
        if (reading.ReplayLsn is { } replayLsn)
            data["replayLsn"] = replayLsn.ToString();
        if (reading.Problem is { } problem)
            data["problem"] = problem;
        return Task.FromResult(onReplica
            ? new HealthCheckResult(HealthStatus.Healthy, "Dashboard reads go to the replica.", data: data)
            : new HealthCheckResult(HealthStatus.Degraded, $"Dashboard reads fall back to the primary: {monitor.Why(reading, now)}.", data: data));
    }
}
