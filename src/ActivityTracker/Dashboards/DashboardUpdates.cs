using Marten;

namespace ActivityTracker.Dashboards;

/// <summary>
/// Tells open pages that the dashboards moved on. Every node polls the Dashboards projection's
/// progress in the database once a second (whichever node runs the daemon), and raises
/// <see cref="Changed"/> when it advanced; pages re-read their figures and re-render.
/// </summary>
public sealed class DashboardUpdates(IDocumentStore store, ILogger<DashboardUpdates> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public event Func<Task>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? last = null;
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var progress = await store.Advanced.AllProjectionProgress(token: stoppingToken);
                var now = progress.Where(p => p.ShardName.StartsWith(DashboardProjection.Name, StringComparison.Ordinal)).Select(p => p.Sequence).DefaultIfEmpty(0).Max();
                if (last is not null && now > last && Changed is { } changed)
                    await Task.WhenAll(changed.GetInvocationList().Cast<Func<Task>>().Select(handler => handler()));
                last = now;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A page that misses one update gets the next; the database may be briefly unreachable.
                logger.LogDebug(e, "Could not read the dashboards' progress");
            }
        }
    }
}
