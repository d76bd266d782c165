using System.Text.RegularExpressions;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Reporting;
using ActivityTracker.Dashboards;
using ActivityTracker.Hosting;
using ActivityTracker.Seeding;
using Marten;
using Npgsql;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

public class DashboardVerifierTests(AppFixture app) : DashboardTest(app)
{
    async Task SeedDemoAsync()
    {
        Assert.Equal(10, await DemoActivities.ImportAsync(App.Store, CodeLists.Shipped, DemoActivities.DefaultFile, Today));
        await App.WaitForProjectionsAsync();
    }

    async Task<(bool Passed, string Output)> RunCommandAsync()
    {
        var output = new StringWriter();
        var passed = await VerifyDashboardsCommand.RunAsync(Host.Services, TimeSpan.Zero, output, CancellationToken.None);
        return (passed, output.ToString());
    }

    async Task StoreAsync(params object[] documents)
    {
        await using var session = App.Store.LightweightSession();
        foreach (var document in documents)
            session.Store(document);
        await session.SaveChangesAsync();
    }

    async Task<T> LoadAsync<T>(string id) where T : notnull
    {
        await using var session = App.Store.QuerySession();
        return (await session.LoadAsync<T>(id))!;
    }

    [Fact]
    public async Task the_projected_demo_dashboards_are_what_the_events_make()
    {
        await SeedDemoAsync();

        var verification = await DashboardVerifier.VerifyAsync(App.Store, CancellationToken.None);

        Assert.Empty(verification.Differences);
        Assert.Equal(10, verification.Activities);
        await using (var session = App.Store.QuerySession())
        {
            Assert.Equal(await session.Query<DashboardSlice>().CountAsync(), verification.Slices);
            Assert.Equal(await session.Query<CubeCell>().CountAsync(), verification.Cells);
            Assert.Equal(await session.Query<CubeRollup>().CountAsync(), verification.Rollups);
            Assert.Equal(await session.Query<PartnerCell>().CountAsync(), verification.PartnerCells);
        }
        var (passed, output) = await RunCommandAsync();
        Assert.True(passed, output);
        Assert.Contains($"verify-dashboards: 0 differences in {verification.Slices} slices, {verification.Cells} cube cells, {verification.Rollups} rollups, {verification.PartnerCells} partner cells and 10 activities", output);
    }

    [Fact]
    public async Task the_verifier_outlasts_the_idle_in_transaction_timeout_of_the_apps_sessions()
    {
        await SeedDemoAsync();
        // The app's 3 s timeout met under load, made certain: the server ends any session idle in a transaction for 1 ms.
        var impatient = new NpgsqlConnectionStringBuilder(App.ConnectionString) { Options = "-c idle_in_transaction_session_timeout=1" };
        using var store = new DocumentStore(EventStore.StoreOptions(impatient.ConnectionString));

        var verification = await DashboardVerifier.VerifyAsync(store, CancellationToken.None);

        Assert.Empty(verification.Differences);
        Assert.Equal(10, verification.Activities);
    }

    [Fact]
    public async Task a_tampered_figure_is_reported_with_the_stored_and_recomputed_values_and_the_command_fails()
    {
        await SeedDemoAsync();
        var mexico = await LoadAsync<DashboardSlice>("country:MX");
        await StoreAsync(mexico with { AllReported = mexico.AllReported with { Participants = mexico.AllReported.Participants + 7 } });

        var differences = (await DashboardVerifier.VerifyAsync(App.Store, CancellationToken.None)).Differences;

        Assert.Equal([$"slice country:MX allReported.participants: stored {mexico.AllReported.Participants + 7}, recomputed {mexico.AllReported.Participants}"], differences);
        var (passed, output) = await RunCommandAsync();
        Assert.False(passed);
        Assert.Contains(differences[0], output);
        Assert.Contains("verify-dashboards: 1 differences", output);
    }

    [Fact]
    public async Task the_tallies_kept_by_period_are_what_the_activities_made_before_each_period_and_a_tampered_one_is_reported()
    {
        // Reported in February, corrected in April: March's read starts from February's tallies, kept when April changed them.
        var fair = Guid.CreateVersion7();
        var recorded = Accepted(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256).Decide(fair, TestCatalog, Today));
        await App.AppendAtAsync(fair, new DateTimeOffset(2027, 2, 10, 9, 0, 0, TimeSpan.Zero), TestUsers.Officer.Email, [.. recorded]);
        await App.WaitForProjectionsAsync();
        var corrected = Accepted(new ReportParticipants(recorded.Count, new ParticipantsInput(300),
            new CorrectionInput(CorrectionReason.LateData)).Decide(Fold([.. recorded]), TestCatalog));
        await App.AppendAtAsync(fair, new DateTimeOffset(2027, 4, 2, 9, 0, 0, TimeSpan.Zero), TestUsers.Officer.Email, [.. corrected]);
        await App.WaitForProjectionsAsync();

        var verification = await DashboardVerifier.VerifyAsync(App.Store, CancellationToken.None);
        Assert.Empty(verification.Differences);
        Assert.True(verification.Periods >= 2, $"{verification.Periods} periods compared");

        await using (var session = App.Store.LightweightSession())
        {
            var february = await session.Query<PastSliceTally>().SingleAsync(t => t.Key == "country:MX");
            Assert.Equal(256, february.Tally.AllReported.Participants);
            february.Tally.AllReported.Participants = 250;
            session.Store(february);
            await session.SaveChangesAsync();
        }
        var differences = (await DashboardVerifier.VerifyAsync(App.Store, CancellationToken.None)).Differences;
        Assert.Equal(["period 2027-04 slice country:MX allReported.participants: stored 250, recomputed 256"], differences);
    }

    [Fact]
    public async Task missing_and_extra_slices_and_a_tampered_activity_are_reported()
    {
        await SeedDemoAsync();
        var mexico = await LoadAsync<DashboardSlice>("country:MX");
        ReportedActivity activity;
        await using (var session = App.Store.LightweightSession())
        {
            session.Delete<DashboardSlice>("kind:job-fair");
            session.Store(mexico with { Id = "country:BZ", Key = "BZ" });
            activity = (await session.Query<ReportedActivity>().ToListAsync()).OrderBy(a => a.Id).First();
            session.Store(activity with { Activity = activity.Activity with { Title = "Renamed behind the projection's back" } });
            await session.SaveChangesAsync();
        }

        var differences = (await DashboardVerifier.VerifyAsync(App.Store, CancellationToken.None)).Differences;

        var renamed = $"activity {activity.Id} activity.title: stored \"Renamed behind the projection's back\", recomputed ";
        Assert.Contains(differences, d => d.StartsWith(renamed));
        Assert.Contains("slice country:BZ: extra (a document is stored, the events make none)", differences);
        Assert.Contains("slice kind:job-fair: missing (the events make it, no document is stored)", differences);
        // The renamed activity is also how each period since its last change began (the current document held then): nothing else.
        Assert.All(differences.Skip(3), d => Assert.Matches($"^period \\S+ {Regex.Escape(renamed)}", d));
    }

    [Fact]
    public async Task a_projection_that_is_behind_is_compared_as_far_as_it_got_and_the_command_says_so()
    {
        await using (await PausedDaemon.StallAsync(App))
        {
            var verification = await DashboardVerifier.VerifyAsync(App.Store, CancellationToken.None);
            Assert.Empty(verification.Differences);
            Assert.Equal(1, verification.Activities);

            var (passed, output) = await RunCommandAsync();
            Assert.False(passed);
            Assert.Contains("the projection is 1 events behind", output);
            Assert.Contains("run again when it has caught up", output);
        }
        Assert.True((await RunCommandAsync()).Passed);
    }
}
