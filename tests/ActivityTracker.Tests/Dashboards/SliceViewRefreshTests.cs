using System.Text.Json;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Dashboards;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

// An open country page told which cells changed reads again only the months they are in (SliceView.RefreshedAsync), and shows
// what reading the whole page again would.
public class SliceViewRefreshTests(AppFixture app) : DashboardTest(app)
{
    static readonly AccessScope Manager = new(new HashSet<string> { Roles.Manager }, new HashSet<string> { ScopeClaims.All }, new HashSet<string> { ScopeClaims.All });
    static readonly AccessScope OfficerOfMexico = new(new HashSet<string> { Roles.Officer }, new HashSet<string> { "MESO-CARIB" }, new HashSet<string> { "MX" });
    static readonly SliceKey Mexico = new(Dimensions.Country, "MX");

    [Fact]
    public async Task a_refresh_reads_the_months_that_moved_and_shows_what_a_whole_read_shows()
    {
        var (planned, pv) = await Host.RecordAsync(PlannedMeeting() with { Location = new LocationInput("MX", null, "Tapachula", null, null) });
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256));
        await Host.RecordAsync(Held("meeting", "MX", Day(2019, 3, 4), participants: 12));
        await Host.RecordAsync(Held("congress", "GT", Day(2019, 4, 1), participants: 30) with { ParticipatingCountries = ["MX"] });
        await App.WaitForProjectionsAsync();

        var shown = new Dictionary<(AccessScope, CountryRole), SliceView>();
        DashboardProgress before;
        await using (var session = App.Store.QuerySession())
        {
            before = await DashboardProgress.ReadAsync(session, default);
            foreach (var scope in new[] { Manager, OfficerOfMexico })
                foreach (var role in new[] { CountryRole.Host, CountryRole.TakingPart })
                    shown[(scope, role)] = await SliceView.LoadAsync(session, Mexico, scope, default, role);
        }

        // A month that had figures, a new month, one emptied and one filled by a reschedule, another taken part in.
        await Host.RecordAsync(Held("training", "MX", Day(2019, 3, 20), participants: 5));
        await Host.RecordAsync(Held("survey", "MX", Day(2019, 8, 1)));
        await Send(planned, "reschedule", new { version = pv, plannedStart = "2027-03-02", plannedEnd = "2027-03-03", reason = "Venue moved" });
        await Host.RecordAsync(Held("meeting", "HN", Day(2019, 6, 11), participants: 14) with { ParticipatingCountries = ["MX"] });
        await App.WaitForProjectionsAsync();

        await using (var session = App.Store.QuerySession())
        {
            var touch = await (await DashboardProgress.ReadAsync(session, default)).TouchedSinceAsync(session, before, default);
            foreach (var ((scope, role), view) in shown)
            {
                var months = touch.MonthsIn(new DashboardInterest(DashboardFilter.None with { Role = role }, Mexico), scope)!;
                Assert.Equal(role == CountryRole.Host ? ["2019-03", "2019-08", "2027-01", "2027-03"] : ["2019-06"], months.Order(StringComparer.Ordinal));

                var refreshed = await view.RefreshedAsync(session, Mexico, scope, months, default, role);

                var whole = await SliceView.LoadAsync(session, Mexico, scope, default, role);
                Assert.Equal(Json(whole.Slice), Json(refreshed.Slice));
                Assert.Equal(whole.Months.Select(Json), refreshed.Months.Select(Json));
                Assert.Equal(whole.Recent.Select(a => a.Id), refreshed.Recent.Select(a => a.Id));
                // The rows hold what the page shows of each activity, as its case file says it.
                var files = await session.LoadManyAsync<ActivityDetails>(refreshed.Recent.Select(a => a.Id));
                Assert.Equal(files.OrderBy(a => a.Id).Select(Shown), refreshed.Recent.OrderBy(a => a.Id).Select(Shown));
                // The months no change touched are the figures the page held: not read again.
                Assert.All(refreshed.Months.Where(m => !months.Contains(m.Key)), m => Assert.Same(view.Months.Single(held => held.Key == m.Key), m));
                // A change to more months than are read alone (a bulk load) reads the view whole.
                var many = months.Concat(Enumerable.Range(1, SliceView.MonthsReadAlone).Select(m => $"2018-{m:00}")).ToHashSet();
                var reread = await view.RefreshedAsync(session, Mexico, scope, many, default, role);
                Assert.Equal(whole.Months.Select(Json), reread.Months.Select(Json));
                Assert.DoesNotContain(reread.Months, m => view.Months.Contains(m));
            }
        }
    }

    static string Json(DashboardSlice slice) => JsonSerializer.Serialize(slice);

    static object Shown(ActivityDetails a) =>
        (a.Title, a.Kind, a.Location, a.Participants?.Total, a.ActualStart ?? a.PlannedStart, a.Status, a.Review);
}
