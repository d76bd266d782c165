using ActivityTracker.Cluster;
using JasperFx.Events.Daemon;
using Marten;
using Wolverine.Attributes;

namespace ActivityTracker.Projections;

/// <summary>
/// Where a rebuild stands. <see cref="NotRun"/>: its message reached a node that does not run the
/// projections (the node that took the request stopped first), so it was given up: ask again.
/// </summary>
public enum RebuildState { Queued, Running, Finished, Failed, NotRun }

/// <summary>
/// The latest rebuild of one async projection (the id is the projection's name), stored so that
/// every node's page shows it and a second request is refused while one is queued or running.
/// </summary>
public sealed record ProjectionRebuild
{
    public required string Id { get; init; }
    public RebuildState State { get; init; }
    public string? RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>The node that ran (or runs) it: HotCold records no projection owner, so this is the only node name we know.</summary>
    public string? Node { get; init; }
    public string? Error { get; init; }

    public bool InProgress => State is RebuildState.Queued or RebuildState.Running;
}

/// <summary>Rebuild projection <paramref name="Projection"/>: a message on a durable local queue, so a rebuild a node crashed in is run again.</summary>
public sealed record RebuildProjection(string Projection);

public static class RebuildProjectionHandler
{
    /// <summary>How long the daemon may take to replay one shard; the Dashboards rebuild runs at 60-70k events/s (STACK-NOTES).</summary>
    public static readonly TimeSpan ShardTimeout = TimeSpan.FromMinutes(30);

    // Beyond Wolverine's default of a minute: a rebuild replays every event.
    [MessageTimeout(1800)]
    public static async Task Handle(RebuildProjection message, IDocumentStore store, IProjectionCoordinator coordinator, TimeProvider clock,
        ClusterOptions cluster, ILogger<RebuildProjection> logger, CancellationToken ct)
    {
        // The request was taken by the node that runs the projections (ProjectionAdmin refuses it elsewhere), but if that
        // node stopped, Wolverine hands this message to another one, which may not be the new leader: there the rebuild
        // would replay the projection beside the leader's running shard. Given up instead (the leader's shard resumes
        // a half-done rebuild from its stored progress). A node restarted after a crash takes the lock within a second or two.
        if (!await LeadsWithinAsync(coordinator, LeadershipWait, ct))
        {
            if (await SetAsync(store, message.Projection, r => r with { State = RebuildState.NotRun, FinishedAt = clock.GetUtcNow(), Node = cluster.NodeName }, ct) is not null)
                logger.LogWarning("Rebuild of {Projection} given up: this node ({Node}) does not run the projections; ask again on the node that does",
                    message.Projection, cluster.NodeName);
            return;
        }
        if (await SetAsync(store, message.Projection, r => r with { State = RebuildState.Running, StartedAt = clock.GetUtcNow(), Node = cluster.NodeName }, ct) is null)
            return;
        var daemon = coordinator.DaemonForMainDatabase();
        // The shards this node ran: the rebuild leaves them stopped (the live dashboards would freeze until a restart),
        // so they are started again. Shards another node runs are left to it: starting them here would run them twice.
        var ranHere = daemon.CurrentAgents().Where(a => a.Name.Name == message.Projection).Select(a => a.Name).ToList();
        try
        {
            await daemon.RebuildProjectionAsync(message.Projection, ShardTimeout, ct);
            foreach (var shard in ranHere)
                await daemon.StartAgentAsync(shard, ct);
            await SetAsync(store, message.Projection, r => r with { State = RebuildState.Finished, FinishedAt = clock.GetUtcNow(), Error = null }, ct);
        }
        catch (ProjectionAlreadyRebuildingException)
        {
            // A redelivered message while this node still runs the first: that one will record how it ended.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Recorded, not retried: replaying again at once would most likely fail the same way; the page shows why and offers the button again.
            logger.LogError(e, "Rebuilding projection {Projection} failed", message.Projection);
            await SetAsync(store, message.Projection, r => r with { State = RebuildState.Failed, FinishedAt = clock.GetUtcNow(), Error = e.Message }, CancellationToken.None);
        }
    }

    /// <summary>How long a node that is handed a rebuild waits to hold the daemon's lock before it gives the rebuild up.</summary>
    public static readonly TimeSpan LeadershipWait = TimeSpan.FromSeconds(10);

    static async Task<bool> LeadsWithinAsync(IProjectionCoordinator coordinator, TimeSpan within, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await DaemonLock.HeldHereAsync(coordinator))
        {
            if (DateTime.UtcNow >= deadline)
                return false;
            await Task.Delay(250, ct);
        }
        return true;
    }

    static async Task<ProjectionRebuild?> SetAsync(IDocumentStore store, string projection, Func<ProjectionRebuild, ProjectionRebuild> change, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<ProjectionRebuild>(projection, ct) is not { } rebuild)
            return null;
        var changed = change(rebuild);
        session.Store(changed);
        await session.SaveChangesAsync(ct);
        return changed;
    }
}
