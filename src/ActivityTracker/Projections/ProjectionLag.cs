using Marten;
using Marten.Storage;

namespace ActivityTracker.Projections;

/// <summary>Bound from <c>Projections</c>.</summary>
public sealed class ProjectionLagOptions
{
    /// <summary>Readiness turns Degraded when the oldest event a projection has not processed is older than this.</summary>
    public double MaxLagSeconds { get; set; } = 60;
}

/// <summary>
/// How far one async projection shard is behind the event store: the sequence it has processed,
/// the highest event sequence stored, the difference, and how old the oldest event it has not
/// processed is. The age is what tells a stalled daemon from a busy one: a paused daemon stops
/// the high-water mark too, so lag measured against the mark reads 0 while nothing moves.
/// </summary>
public sealed record ShardLag(
    string Shard,
    string Projection,
    long ProcessedSequence,
    long HighestSequence,
    long LagEvents,
    double LagSeconds,
    DateTimeOffset? OldestUnprocessedAt)
{
    /// <param name="oldestUnprocessedAt">Timestamp of the first event after <paramref name="processed"/>; null when there is none.</param>
    public static ShardLag Of(string shard, string projection, long processed, long highest, DateTimeOffset? oldestUnprocessedAt, DateTimeOffset now) => new(
        shard, projection, processed, highest,
        Math.Max(0, highest - processed),
        oldestUnprocessedAt is { } oldest ? Math.Max(0, Math.Round((now - oldest).TotalSeconds, 3)) : 0,
        oldestUnprocessedAt);
}

/// <summary>
/// Reads the lag of every registered async projection shard from the database, so any node can
/// answer whichever node runs the daemon (HotCold). The health check and the metrics both use
/// it; <see cref="Latest"/> is the last reading.
/// </summary>
public sealed class ProjectionLagMonitor(IDocumentStore store, TimeProvider clock)
{
    volatile IReadOnlyList<ShardLag> _latest = [];

    public IReadOnlyList<ShardLag> Latest => _latest;

    public async Task<IReadOnlyList<ShardLag>> MeasureAsync(CancellationToken ct)
    {
        // Progress first: an event appended after this read can only make the lag look larger, never hide it.
        var progress = (await store.Advanced.AllProjectionProgress(token: ct)).ToDictionary(p => p.ShardName, p => p.Sequence);
        // FetchMaxEventSequenceAsync is only on the concrete database (one database here: no tenancy).
        var database = (MartenDatabase)store.Storage.Database;
        // The highest seq_id stored, not the sequence's last value: a rolled-back append burns numbers no shard will ever reach.
        var highest = await database.FetchMaxEventSequenceAsync(ct) ?? 0;
        var shards = store.Advanced.AllAsyncProjectionShardNames()
            .Select(s => (Shard: s, Processed: progress.GetValueOrDefault(s.Identity)))
            .ToList();
        var pending = await database.FetchFirstEventTimestampsAfterAsync(shards.Select(s => (s.Shard.TenantId, s.Processed)).ToList(), ct);
        var now = clock.GetUtcNow();
        var lags = shards.Zip(pending, (s, p) => ShardLag.Of(s.Shard.Identity, s.Shard.Name, s.Processed, highest, p.Timestamp, now)).ToList();
        _latest = lags;
        return lags;
    }
}
