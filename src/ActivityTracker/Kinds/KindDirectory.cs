using ActivityTracker.Reference;
using Marten;
using Marten.Services;

namespace ActivityTracker.Kinds;

/// <summary>
/// Keeps <see cref="ReferenceData.ActivityKinds"/> current on this node: read at start-up, then every
/// <see cref="Interval"/> a cheap look at the kinds' versions (another node may have added or renamed one), reading them
/// again only when those moved. Commits of this node swap the list at once (<see cref="KindCommits"/>).
/// </summary>
public sealed class KindDirectory(IDocumentStore store, ReferenceData codes, TimeProvider clock, ILogger<KindDirectory> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var session = store.QuerySession();
                var versions = await session.Query<ActivityKindDetails>().Select(k => k.Version).ToListAsync(stoppingToken);
                if (codes.KindsFingerprint != new KindStoreState(versions.Count, versions.Sum()))
                    await KindList.RefreshAsync(session, codes, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away (a restart, a fail-over): the list read last stays until it answers again.
                logger.LogWarning(e, "Could not read the activity kinds; keeping the list read last.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>After this node commits a kind's event (the API, a page, the seeds), the live list is read again at once.</summary>
public sealed class KindCommits(ReferenceData codes) : DocumentSessionListenerBase
{
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (!commit.GetEvents().Any(e => e.Data is ActivityKindAdded or ActivityKindRenamed))
            return;
        await using var reader = session.DocumentStore.QuerySession();
        await KindList.RefreshAsync(reader, codes, token);
    }
}
