using ActivityTracker.Dashboards.Reads;

namespace ActivityTracker.Dashboards;

/// <summary>
/// Tells open pages which cells of the cube changed. Every node polls the Dashboards projection's progress
/// once a second (whichever node runs the daemon; <see cref="DashboardProgress"/>); when it moved, it reads the cells the
/// batches since touched (<see cref="DashboardChange"/>) and raises <see cref="Changed"/> with them, and only then: batches that
/// touched no cell (organisations, accounts) wake no page. Each page refreshes only when a cell it shows is
/// among them (<see cref="DashboardTouch.Concerns"/>). Both are read where the pages read
/// (<see cref="DashboardReads"/>: the replica when one serves them), so a page is told when what it reads has
/// moved, not before the replica has it; a switch between replica and primary, a rebuild (another generation, or
/// progress going back) or a gap longer than the changes are kept tells every page.
/// </summary>
public sealed class DashboardUpdates(DashboardReads reads, TimeProvider clock, ILogger<DashboardUpdates> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public event Func<DashboardTouch, Task>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DashboardProgress? last = null;
        var lastRead = clock.GetUtcNow();
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var session = await reads.QuerySessionAsync(stoppingToken);
                var now = await DashboardProgress.ReadAsync(session, stoppingToken);
                if (last is not null && now != last)
                    await TellAsync(DashboardChange.KeptSince(lastRead, clock.GetUtcNow())
                        ? await now.TouchedSinceAsync(session, last, stoppingToken)
                        : DashboardTouch.Everything);
                last = now;
                lastRead = clock.GetUtcNow();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A page that misses one update gets the next; the database may be briefly unreachable.
                logger.LogDebug(e, "Could not read the dashboards' progress");
            }
        }
    }

    /// <summary>Tells every open page of the cells that changed; nothing when none did.</summary>
    public Task TellAsync(DashboardTouch touch) => touch.IsEmpty || Changed is not { } changed
        ? Task.CompletedTask
        : Task.WhenAll(changed.GetInvocationList().Cast<Func<DashboardTouch, Task>>().Select(handler => handler(touch)));
}
