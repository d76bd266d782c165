using ActivityTracker.Dashboards.Reads;
using Marten;

namespace ActivityTracker.Dashboards;

/// <summary>
/// Tells open pages that the dashboards moved on. Every node polls the Dashboards projection's
/// progress once a second (whichever node runs the daemon), and raises <see cref="Changed"/> when
/// it changed; pages re-read their figures and re-render. The progress is read where the pages read
/// (<see cref="DashboardReads"/>: the replica when one serves them), so a page is told when what it
/// reads has moved, not before the replica has it; a switch between replica and primary is a change too.
/// </summary>
public sealed class DashboardUpdates(DashboardReads reads, IDocumentStore store, ILogger<DashboardUpdates> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public event Func<Task>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var progression = $"{store.Options.Events.DatabaseSchemaName}.mt_event_progression";
        long? last = null;
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                long now;
                await using (var session = await reads.QuerySessionAsync(stoppingToken))
                    now = (await session.QueryAsync<long>($"select coalesce(max(last_seq_id), 0) from {progression} where name like ?",
                        stoppingToken, DashboardProjection.Name + ":%")).Single();
                if (last is not null && now != last && Changed is { } changed)
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
