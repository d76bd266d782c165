using Wolverine;

namespace ActivityTracker.Cluster;

/// <summary>
/// Bound from <c>Cluster</c>: how a node names itself, and how soon Wolverine declares a silent node
/// dead and gives its durable messages (a running import, a queued rebuild) to another node.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// This node's name in <c>/health/ready</c>, the projections page, rebuild records and telemetry. The
    /// machine name (a container's host name) unless set: set it when several nodes share a machine.
    /// </summary>
    public string NodeName { get; set; } = Environment.MachineName;

    /// <summary>How often each node writes its heartbeat and looks for dead ones.</summary>
    public TimeSpan HealthCheckPollingTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A node whose heartbeat is older than this (for two health checks in a row) is dead: its row goes
    /// and its durable messages go to the other nodes. With these defaults a killed node's import went on
    /// on another node 30 s later; with Wolverine's own (10 s, 1 minute) it took 77 s. Lower recovers
    /// sooner, but too low ejects a node that is only slow (a long pause, a database blip), and another
    /// node would then run its import beside it (each row still recorded once, the job's state muddled).
    /// </summary>
    public TimeSpan StaleNodeTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public static ClusterOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ClusterOptions>() ?? new ClusterOptions();
        // A timeout within two heartbeats would declare live nodes dead between their heartbeats.
        if (options.HealthCheckPollingTime <= TimeSpan.Zero || options.StaleNodeTimeout < 2 * options.HealthCheckPollingTime)
            throw new InvalidOperationException(
                $"Cluster:StaleNodeTimeout ({options.StaleNodeTimeout}) must be at least twice Cluster:HealthCheckPollingTime ({options.HealthCheckPollingTime}), which must be positive.");
        return options;
    }

    /// <summary>Wolverine's node agent (DurabilityMode.Balanced, its default): heartbeats, dead-node ejection, recovery of their messages.</summary>
    public void ApplyTo(DurabilitySettings durability)
    {
        durability.HealthCheckPollingTime = HealthCheckPollingTime;
        durability.StaleNodeTimeout = StaleNodeTimeout;
    }
}
