using System.Diagnostics;
using ActivityTracker.Dashboards;
using ActivityTracker.Projections;
using ActivityTracker.Tests.Dashboards;
using Alba;
using JasperFx.Events.Daemon;
using Marten;
using Wolverine;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Hosting;

// POST /api/admin/projections/{name}/rebuild queues a durable message; its handler rebuilds the
// projection off the request, and GET /api/admin/projections follows the rebuild.
public class ProjectionRebuildTests(AppFixture app) : ActivityTest(app)
{
    const string RebuildDashboards = "/api/admin/projections/Dashboards/rebuild";

    async Task<ProjectionsOverview> OverviewAsync() => (await Host.GetAsJson<ProjectionsOverview>("/api/admin/projections"))!;

    async Task<ProjectionRebuild> WaitForRebuildToEndAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var rebuild = (await OverviewAsync()).Shards.Single(s => s.Lag.Projection == DashboardProjection.Name).Rebuild;
            if (rebuild is { InProgress: false })
                return rebuild;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"The rebuild is still {rebuild?.State} after a minute.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task a_requested_rebuild_restores_the_dashboards_to_what_the_live_projection_built()
    {
        await Host.RecordAsync(TijuanaJobFair());
        await Host.RecordAsync(PlannedMeeting());
        await App.WaitForProjectionsAsync();
        var live = await DashboardDocuments.ReadAsync(App.Store);
        // Damage the read model behind the daemon's back, so only a real rebuild can bring it back.
        await using (var session = App.Store.LightweightSession())
        {
            session.DeleteWhere<DashboardSlice>(_ => true);
            await session.SaveChangesAsync();
        }
        Assert.NotEqual(live.Count, (await DashboardDocuments.ReadAsync(App.Store)).Count);

        await App.ActAsAsync(TestUsers.Admin);
        var accepted = await Host.Scenario(s =>
        {
            s.Post.Url(RebuildDashboards);
            s.StatusCodeShouldBe(202);
        });
        var queued = (await accepted.ReadAsJsonAsync<ProjectionRebuild>())!;
        Assert.Equal(DashboardProjection.Name, queued.Id);
        Assert.Equal(TestUsers.Admin.Email, queued.RequestedBy);

        var ended = await WaitForRebuildToEndAsync();
        Assert.Equal(RebuildState.Finished, ended.State);
        Assert.Equal(Environment.MachineName, ended.Node);
        Assert.True(ended.StartedAt >= queued.RequestedAt && ended.FinishedAt >= ended.StartedAt);
        await App.WaitForProjectionsAsync();
        (await DashboardDocuments.ReadAsync(App.Store)).ShouldEqual(live);

        // The live projection carries on after the rebuild: a new activity reaches the dashboards.
        await App.ActAsAsync(TestUsers.Officer);
        var (later, _) = await Host.RecordAsync(TijuanaJobFair());
        await App.WaitForProjectionsAsync();
        await using (var query = App.Store.QuerySession())
            Assert.NotNull(await query.LoadAsync<ReportedActivity>(later));
        await App.ActAsAsync(TestUsers.Admin);
        var shard = (await OverviewAsync()).Shards.Single(s => s.Lag.Shard == "Dashboards:All");
        Assert.Equal(0, shard.Lag.LagEvents);
        Assert.Equal("Running", shard.AgentStatus);
    }

    [Fact]
    public async Task a_second_request_while_one_is_under_way_is_refused_in_the_request_s_language()
    {
        await using (var session = App.Store.LightweightSession())
        {
            session.Store(new ProjectionRebuild
            {
                Id = DashboardProjection.Name, State = RebuildState.Running, RequestedBy = "other@test.local",
                RequestedAt = new DateTimeOffset(2026, 11, 28, 12, 3, 0, TimeSpan.Zero), StartedAt = DateTimeOffset.UtcNow,
            });
            await session.SaveChangesAsync();
        }
        await App.ActAsAsync(TestUsers.Admin);

        var refused = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Accept-Language", "es");
            s.Post.Url(RebuildDashboards);
            s.StatusCodeShouldBe(409);
        });

        var problem = await refused.ProblemAsync();
        Assert.Equal("Ya hay una reconstrucción en curso", problem.GetProperty("title").GetString());
        Assert.Equal("La proyección 'Dashboards' ya se está reconstruyendo (la pidió other@test.local a las 2026-11-28 12:03 UTC); espere a que termine.",
            problem.GetProperty("detail").GetString());
        // The running one is untouched: still its requester, still running.
        var rebuild = (await OverviewAsync()).Shards.Single().Rebuild!;
        Assert.Equal(("other@test.local", RebuildState.Running), (rebuild.RequestedBy, rebuild.State));
    }

    [Fact]
    public async Task a_rebuild_handed_to_a_node_that_does_not_run_the_projections_is_given_up_and_the_dashboards_are_left_alone()
    {
        await Host.RecordAsync(TijuanaJobFair());
        await App.WaitForProjectionsAsync();
        var live = await DashboardDocuments.ReadAsync(App.Store);
        await using (var session = App.Store.LightweightSession())
        {
            session.Store(new ProjectionRebuild
            {
                Id = DashboardProjection.Name, State = RebuildState.Queued, RequestedBy = "gone@test.local", RequestedAt = DateTimeOffset.UtcNow,
            });
            await session.SaveChangesAsync();
        }
        // A second node on the same database: the test's app holds the daemon's lock, so this one waits as a
        // standby, and is handed the rebuild message as Wolverine hands over a stopped node's messages.
        await using var standby = await App.StartHostAsync(("Cluster:NodeName", "standby"));
        await using var scope = standby.Services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>()
            .InvokeAsync(new RebuildProjection(DashboardProjection.Name), CancellationToken.None, TimeSpan.FromMinutes(1));

        Assert.True(clock.Elapsed >= RebuildProjectionHandler.LeadershipWait, "given up before the node could have taken the projections over");
        await using var query = App.Store.QuerySession();
        var rebuild = await query.LoadAsync<ProjectionRebuild>(DashboardProjection.Name);
        Assert.Equal((RebuildState.NotRun, "standby"), (rebuild!.State, rebuild.Node));
        Assert.Null(rebuild.StartedAt);
        (await DashboardDocuments.ReadAsync(App.Store)).ShouldEqual(live);
        Assert.True(await DaemonLock.HeldHereAsync(Host.Services.GetRequiredService<IProjectionCoordinator>()));
    }

    [Fact]
    public async Task an_unknown_projection_is_404_in_the_request_s_language_and_queues_nothing()
    {
        await App.ActAsAsync(TestUsers.Admin);

        foreach (var (language, title) in new[] { ("en", "No such projection"), ("es", "No existe esa proyección") })
        {
            var result = await Host.Scenario(s =>
            {
                s.WithRequestHeader("Accept-Language", language);
                s.Post.Url("/api/admin/projections/Nothing/rebuild");
                s.StatusCodeShouldBe(404);
            });
            Assert.Equal(title, (await result.ProblemAsync()).GetProperty("title").GetString());
        }
        await using var query = App.Store.QuerySession();
        Assert.Empty(await query.Query<ProjectionRebuild>().ToListAsync());
    }

    [Fact]
    public async Task only_administrators_may_list_or_rebuild_projections()
    {
        foreach (var user in new[] { TestUsers.Officer, TestUsers.Manager })
        {
            await App.ActAsAsync(user);
            await Host.Scenario(s => { s.Post.Url(RebuildDashboards); s.StatusCodeShouldBe(403); });
            await Host.Scenario(s => { s.Get.Url("/api/admin/projections"); s.StatusCodeShouldBe(403); });
        }
        await App.ActAsAsync(null);
        await Host.Scenario(s => { s.Post.Url(RebuildDashboards); s.StatusCodeShouldBe(401); });
        await using var query = App.Store.QuerySession();
        Assert.Empty(await query.Query<ProjectionRebuild>().ToListAsync());
    }

    [Fact]
    public async Task the_list_shows_each_shard_s_lag_this_node_as_its_runner_and_no_dead_letters()
    {
        await Host.RecordAsync(TijuanaJobFair());
        await App.WaitForProjectionsAsync();
        await App.ActAsAsync(TestUsers.Admin);

        var overview = await OverviewAsync();

        Assert.Equal(Environment.MachineName, overview.Node);
        Assert.True(overview.RunsHere);
        var shard = Assert.Single(overview.Shards);
        Assert.Equal(("Dashboards:All", "Dashboards"), (shard.Lag.Shard, shard.Lag.Projection));
        Assert.Equal(shard.Lag.HighestSequence, shard.Lag.ProcessedSequence);
        Assert.True(shard.Lag.HighestSequence > 0);
        Assert.Equal(0, shard.DeadLetterEvents);
        Assert.Null(shard.Rebuild);
        Assert.Equal(0, overview.DeadLetterMessages);
    }
}
