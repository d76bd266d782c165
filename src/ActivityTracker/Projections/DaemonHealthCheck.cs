using ActivityTracker.Cluster;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActivityTracker.Projections;

/// <summary>
/// Whether this node runs the async daemon, and the state of each of its agents. In HotCold one
/// node, the leader, runs every projection and the others wait to take over; Marten records no
/// owner (<c>mt_event_progression.running_on_node</c> stays empty), so each node answers for
/// itself: ask every node's <c>/health/ready</c> to find the leader. It reports, it does not judge:
/// a daemon that runs nowhere or a stalled shard shows as growing lag in the <c>projections</c>
/// entry, which turns Degraded.
/// </summary>
public sealed class DaemonHealthCheck(IProjectionCoordinator coordinator, ClusterOptions cluster) : IHealthCheck
{
    public const string Name = "daemon";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var agents = Agents(coordinator);
        var data = new Dictionary<string, object>
        {
            ["node"] = cluster.NodeName,
            ["mode"] = "HotCold",
            ["runsHere"] = agents.Count > 0,
            ["agents"] = agents,
        };
        return Task.FromResult(new HealthCheckResult(HealthStatus.Healthy,
            agents.Count > 0 ? $"This node ({cluster.NodeName}) runs the projections." : "This node does not run the projections; it takes over if the node that does stops.",
            data: data));
    }

    /// <summary>
    /// The shards this node's daemon runs, by shard (<c>Dashboards:All</c>), with each agent's state;
    /// empty when another node leads. The health entry and the projections page both read it here.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Agents(IProjectionCoordinator coordinator) =>
        coordinator.DaemonForMainDatabase().CurrentAgents().ToDictionary(a => a.Name.Identity, a => a.Status.ToString());
}
