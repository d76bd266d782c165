using System.Security.Claims;
using ActivityTracker.Cluster;
using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Storage;
using Wolverine.Marten;

namespace ActivityTracker.Projections;

/// <summary>
/// One async projection shard as the projections page shows it: its lag (<see cref="ShardLag"/>),
/// the state of its agent when this node runs it (null: another node does, or none yet), the
/// projection's dead-letter events, and its latest rebuild.
/// </summary>
public sealed record ShardOverview(ShardLag Lag, string? AgentStatus, long DeadLetterEvents, ProjectionRebuild? Rebuild);

/// <param name="Node">This node's name.</param>
/// <param name="RunsHere">Whether this node runs the daemon (the HotCold leader).</param>
/// <param name="DaemonNode">The node that runs the daemon (this one or another); null while none does (a new leader takes over within seconds).</param>
/// <param name="DeadLetterMessages">Wolverine messages in its dead-letter table (not archived), for every handler.</param>
public sealed record ProjectionsOverview(string Node, bool RunsHere, string? DaemonNode, IReadOnlyList<ShardOverview> Shards, long DeadLetterMessages);

/// <summary>What became of a rebuild request.</summary>
public abstract record RebuildAnswer
{
    public sealed record Queued(ProjectionRebuild Rebuild) : RebuildAnswer;
    public sealed record AlreadyRunning(ProjectionRebuild Rebuild) : RebuildAnswer;
    public sealed record Unknown : RebuildAnswer;
    /// <summary>This node does not run the projections: a rebuild here would run beside the leader's shards. <paramref name="DaemonNode"/> runs them (null: none right now).</summary>
    public sealed record NotHere(string Node, string? DaemonNode) : RebuildAnswer;
}

/// <summary>The projections page's and the admin API's one way to read the projections and to ask for a rebuild.</summary>
public interface IProjectionAdmin
{
    Task<ProjectionsOverview> ReadAsync(CancellationToken ct);

    Task<RebuildAnswer> RequestRebuildAsync(string projection, ClaimsPrincipal user, CancellationToken ct);
}

public sealed class ProjectionAdmin(IDocumentStore store, ProjectionLagMonitor lag, IProjectionCoordinator coordinator,
    IServiceScopeFactory scopes, TimeProvider clock, ClusterOptions cluster) : IProjectionAdmin
{
    public async Task<ProjectionsOverview> ReadAsync(CancellationToken ct)
    {
        var lags = await lag.MeasureAsync(ct);
        var agents = DaemonHealthCheck.Agents(coordinator);
        var database = (MartenDatabase)store.Storage.Database;
        var deadLetters = (await database.FetchDeadLetterCountsAsync(ct))
            .GroupBy(c => c.ProjectionName).ToDictionary(g => g.Key, g => g.Sum(c => (long)c.Count));
        await using var session = store.QuerySession();
        var rebuilds = (await session.Query<ProjectionRebuild>().ToListAsync(ct)).ToDictionary(r => r.Id);
        var shards = lags.OrderBy(l => l.Shard, StringComparer.Ordinal)
            .Select(l => new ShardOverview(l, agents.GetValueOrDefault(l.Shard), deadLetters.GetValueOrDefault(l.Projection), rebuilds.GetValueOrDefault(l.Projection)))
            .ToList();
        return new ProjectionsOverview(cluster.NodeName, agents.Count > 0, await DaemonNodeAsync(session, ct), shards, await DeadLetterMessagesAsync(session, ct));
    }

    /// <summary>
    /// The node whose session holds the daemon's HotCold lock (<see cref="DaemonLock"/>), named by the session's
    /// <c>application_name</c> (each node sets its own, see <see cref="Database.PostgresConnectionString"/>).
    /// </summary>
    async Task<string?> DaemonNodeAsync(IQuerySession session, CancellationToken ct)
    {
        if (await DaemonLock.IdAsync(coordinator) is not { } lockId)
            return null;
        return (await session.QueryAsync<string>("""
            select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and l.database = (select oid from pg_database where datname = current_database())
              and l.classid = 0 and l.objid = ?::bigint::oid and l.objsubid = 1
            """, ct, lockId)).FirstOrDefault();
    }

    static async Task<long> DeadLetterMessagesAsync(IQuerySession session, CancellationToken ct)
    {
        // Wolverine creates its tables with its first message store use; before that there is nothing dead.
        var exists = (await session.QueryAsync<bool>("select to_regclass('wolverine.wolverine_dead_letters') is not null", ct)).Single();
        return exists ? (await session.QueryAsync<long>("select count(*) from wolverine.wolverine_dead_letters where archived_at is null", ct)).Single() : 0;
    }

    public async Task<RebuildAnswer> RequestRebuildAsync(string projection, ClaimsPrincipal user, CancellationToken ct)
    {
        // Only async projections: inline ones are rebuilt with their streams, and the daemon rebuilds what it runs.
        if (!store.Advanced.AllAsyncProjectionShardNames().Any(s => s.Name == projection))
            return new RebuildAnswer.Unknown();
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<ProjectionRebuild>(projection, ct) is { InProgress: true } running)
                return new RebuildAnswer.AlreadyRunning(running);
            // Only the daemon's node may rebuild (the message is handled where it is queued): elsewhere the
            // rebuild would replay the projection while the leader's shard goes on writing the same documents.
            if (!await DaemonLock.HeldHereAsync(coordinator))
                return new RebuildAnswer.NotHere(cluster.NodeName, await DaemonNodeAsync(query, ct));
        }

        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        await using var session = store.LightweightSession();
        var rebuild = new ProjectionRebuild { Id = projection, State = RebuildState.Queued, RequestedBy = user.Identity?.Name, RequestedAt = clock.GetUtcNow() };
        // Check and claim in one transaction: the last rebuild's record goes only if it has ended, and the
        // insert then fails on the projection's name when another request (on any node) got there first.
        session.DeleteWhere<ProjectionRebuild>(r => r.Id == projection && (r.State == RebuildState.Finished || r.State == RebuildState.Failed));
        session.Insert(rebuild);
        // The message is queued with the record (Wolverine's outbox): never one without the other.
        outbox.Enroll(session);
        await outbox.PublishAsync(new RebuildProjection(projection));
        try
        {
            await session.SaveChangesAsync(ct);
            return new RebuildAnswer.Queued(rebuild);
        }
        catch (DocumentAlreadyExistsException)
        {
            await using var reader = store.QuerySession();
            return new RebuildAnswer.AlreadyRunning(await reader.LoadAsync<ProjectionRebuild>(projection, ct) ?? rebuild);
        }
    }
}
