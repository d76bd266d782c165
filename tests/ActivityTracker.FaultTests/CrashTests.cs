using ActivityTracker.FaultTests.Infrastructure;
using ActivityTracker.Testing;

namespace ActivityTracker.FaultTests;

/// <summary>
/// Issue #9, 1 and 2: the database or the app killed with SIGKILL under load from 8 writers.
/// Every activity that got a 201 is there exactly once (and so is every one retried with its
/// Idempotency-Key after the crash), no stream has a version gap, and once the daemon has caught
/// up, the case files and dashboards equal what plain SQL computes from the events.
/// </summary>
[Collection(FaultCollection.Name), Trait("Category", "Fault")]
public class CrashTests(FaultFixture fault)
{
    const int Writers = 8;
    static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task postgres_killed_under_load_loses_no_acknowledged_activity_and_records_none_twice()
    {
        var load = new Load(() => fault.Api, $"db-crash {Guid.NewGuid():N}");
        using var stop = new CancellationTokenSource();
        var writers = load.RunAsync(Writers, stop.Token);
        try
        {
            await load.WaitForAcknowledgedAsync(40, TimeSpan.FromSeconds(60));
            fault.Cluster.Kill();
            var beforeRestart = load.Acknowledged.Count;
            await Task.Delay(1000); // the writers meet a dead database
            await fault.Cluster.StartServerAsync(); // crash recovery replays the WAL
            // The app, never restarted, serves writes again on its own.
            await load.WaitForAcknowledgedAsync(beforeRestart + 40, TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stop.CancelAsync();
            await writers;
        }

        await load.RetryUnacknowledgedAsync();
        await load.AssertExactlyOnceAsync(fault.Oracle);
        await fault.Oracle.WaitForDashboardsAsync(CatchUp);
        await fault.Oracle.AssertReadModelsMatchEventsAsync();
    }

    [Fact]
    public async Task the_app_killed_under_load_loses_no_acknowledged_activity_and_its_successor_catches_up()
    {
        var load = new Load(() => fault.Api, $"app-crash {Guid.NewGuid():N}");
        using (var stop = new CancellationTokenSource())
        {
            var writers = load.RunAsync(Writers, stop.Token);
            try
            {
                await load.WaitForAcknowledgedAsync(40, TimeSpan.FromSeconds(60));
                fault.App.Kill(); // requests in flight are cut off mid-transaction
            }
            finally
            {
                await stop.CancelAsync();
                await writers;
            }
        }

        await fault.RestartAppAsync(kill: false);
        await load.RetryUnacknowledgedAsync();
        await load.AssertExactlyOnceAsync(fault.Oracle);
        await fault.Oracle.WaitForDashboardsAsync(CatchUp);
        await fault.Oracle.AssertReadModelsMatchEventsAsync();
    }

    [Fact]
    public async Task a_rebuild_killed_half_way_converges_when_the_app_starts_again()
    {
        // Enough events that the rebuild is still running when it is killed.
        var load = new Load(() => fault.Api, $"rebuild {Guid.NewGuid():N}");
        using (var stop = new CancellationTokenSource())
        {
            var writers = load.RunAsync(Writers, stop.Token);
            await load.WaitForAcknowledgedAsync(150, TimeSpan.FromSeconds(90));
            await stop.CancelAsync();
            await writers;
        }
        await load.RetryUnacknowledgedAsync();
        await fault.Oracle.WaitForDashboardsAsync(CatchUp);

        // The app stops (its daemon would race the rebuild); the rebuild runs in its own process and dies half-way.
        fault.App.Kill();
        var slices = await fault.Oracle.ScalarAsync<long>("select count(*) from marten.mt_doc_dashboardslice");
        var rebuild = AppProcess.StartCommand(BuiltApp.On(fault.ConnectionString), "projections", "rebuild", "-p", "Dashboards");
        try
        {
            // Kill it as soon as it has thrown the old documents away or set the projection back: the worst moment.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await fault.Oracle.ScalarAsync<long>("select count(*) from marten.mt_doc_dashboardslice") >= slices
                   && await fault.Oracle.DashboardsProgressAsync() >= await fault.Oracle.HighestSequenceAsync())
            {
                Assert.True(DateTime.UtcNow < deadline && !rebuild.HasExited, $"the rebuild never started or finished too fast to be caught:\n{rebuild.Output}");
                await Task.Delay(20);
            }
            rebuild.Kill();
        }
        finally
        {
            await rebuild.DisposeAsync();
        }
        await fault.RestartAppAsync(kill: false);
        await fault.Oracle.WaitForDashboardsAsync(CatchUp);
        await fault.Oracle.AssertReadModelsMatchEventsAsync();
        await load.AssertExactlyOnceAsync(fault.Oracle);
    }
}
