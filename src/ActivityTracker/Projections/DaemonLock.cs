using JasperFx.Events.Daemon;

namespace ActivityTracker.Projections;

/// <summary>
/// The async daemon's HotCold lock: a PostgreSQL advisory lock the nodes contend for; the node whose
/// session holds it (the leader) runs every async projection, and the server releases it the moment
/// that session ends. Asked of Marten's own distributor, which derives the lock id (from
/// <c>DaemonLockId</c> and the schema) and knows whether this node holds it.
/// </summary>
public static class DaemonLock
{
    /// <summary>The lock's id; null when the coordinator is not Marten's distributed one.</summary>
    public static async Task<long?> IdAsync(IProjectionCoordinator coordinator) =>
        await SetAsync(coordinator) is { } held ? held.Set.LockId : null;

    /// <summary>Whether this node holds the lock, i.e. runs the projections.</summary>
    public static async Task<bool> HeldHereAsync(IProjectionCoordinator coordinator) =>
        await SetAsync(coordinator) is { } held && held.Distributor.HasLock(held.Set);

    static async Task<(IProjectionDistributor Distributor, IProjectionSet Set)?> SetAsync(IProjectionCoordinator coordinator)
    {
        if (coordinator is not ProjectionCoordinatorBase { Distributor: { } distributor })
            return null;
        // One database, so one set of projections and one lock.
        return (await distributor.BuildDistributionAsync()).FirstOrDefault() is { } set ? (distributor, set) : null;
    }
}
