using ActivityTracker.Dashboards.Reads;
using Marten;

namespace ActivityTracker.Dashboards;

/// <summary>
/// Tells open pages which cells of the cube changed. Every node polls the Dashboards projection's progress
/// once a second (whichever node runs the daemon); when it moved, it reads the cells the batches since touched
/// (<see cref="DashboardChange"/>) and raises <see cref="Changed"/> with them, and only then: batches that
/// touched no cell (organisations, accounts) wake no page. Each page refreshes only when a cell it shows is
/// among them (<see cref="DashboardTouch.Concerns"/>). Both are read where the pages read
/// (<see cref="DashboardReads"/>: the replica when one serves them), so a page is told when what it reads has
/// moved, not before the replica has it; a switch between replica and primary, a rebuild (progress going back)
/// or a gap longer than the changes are kept tells every page.
/// </summary>
public sealed class DashboardUpdates(DashboardReads reads, IDocumentStore store, TimeProvider clock, ILogger<DashboardUpdates> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public event Func<DashboardTouch, Task>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var progression = $"{store.Options.Events.DatabaseSchemaName}.mt_event_progression";
        long? last = null;
        var lastRead = clock.GetUtcNow();
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var session = await reads.QuerySessionAsync(stoppingToken);
                var now = (await session.QueryAsync<long>($"select coalesce(max(last_seq_id), 0) from {progression} where name like ?",
                    stoppingToken, DashboardProjection.Name + ":%")).Single();
                if (last is { } was && now != was)
                {
                    var touch = now < was || clock.GetUtcNow() - lastRead > DashboardChange.Retention / 2
                        ? DashboardTouch.Everything
                        : await TouchedAsync(session, was, now, stoppingToken);
                    await TellAsync(touch);
                }
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

    /// <summary>The cells the batches after <paramref name="from"/> up to <paramref name="to"/> touched.</summary>
    static async Task<DashboardTouch> TouchedAsync(IQuerySession session, long from, long to, CancellationToken ct)
    {
        var changes = await session.Query<DashboardChange>().Where(c => c.Sequence > from && c.Sequence <= to).Select(c => c.Cells).ToListAsync(ct);
        var cells = changes.SelectMany(c => c).ToList();
        return cells.Count > DashboardChange.MostCellsTold ? DashboardTouch.Everything : DashboardTouch.Of(cells);
    }
}
