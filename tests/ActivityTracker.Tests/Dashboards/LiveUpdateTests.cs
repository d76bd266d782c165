using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using Marten;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

/// <summary>
/// Open pages learn which cells of the cube a batch changed: the projection writes them with the batch, every node
/// reads them when the projection moves on, and a page that shows none of them is not woken.
/// </summary>
public sealed class LiveUpdateTests(AppFixture app) : DashboardTest(app)
{
    static readonly AccessScope Everyone = new(new HashSet<string> { Roles.Admin }, new HashSet<string>(), new HashSet<string>());

    static DashboardInterest CountryPage(string code) => new(DashboardFilter.None, new SliceKey(Dimensions.Country, code));

    [Fact]
    public async Task the_projection_writes_the_cells_a_batch_touched_before_and_after_a_change()
    {
        var (id, version) = await Host.RecordAsync(TijuanaJobFair());
        await App.WaitForProjectionsAsync();
        await Send(id, "corrections", new { version, correction = new { reason = "Reclassification" }, location = new { countryCode = "GT" } });
        await App.WaitForProjectionsAsync();

        await using var session = App.Store.QuerySession();
        var latest = await session.Query<DashboardChange>().OrderByDescending(c => c.Sequence).FirstAsync();
        var touch = DashboardTouch.Of(latest.Cells);
        Assert.True(touch.Concerns(CountryPage("MX"), Everyone), "the cell it left");
        Assert.True(touch.Concerns(CountryPage("GT"), Everyone), "the cell it joined");
        Assert.False(touch.Concerns(CountryPage("HN"), Everyone));
    }

    [Fact]
    public async Task a_page_is_told_of_a_write_to_its_cells_and_not_of_one_elsewhere()
    {
        var updates = Host.Services.GetRequiredService<DashboardUpdates>();
        var told = new List<DashboardTouch>();
        Task Listen(DashboardTouch touch)
        {
            lock (told)
                told.Add(touch);
            return Task.CompletedTask;
        }
        updates.Changed += Listen;
        try
        {
            // The previous test's writes may reach the pages with the next poll: let them pass first.
            await App.WaitForProjectionsAsync();
            await Task.Delay(DashboardUpdates.Interval * 2.5);
            lock (told)
                told.Clear();

            await Host.RecordAsync(TijuanaJobFair() with { Location = new LocationInput("BZ", null, null, null, null) });
            await App.WaitForProjectionsAsync();
            var belize = await WaitUntilToldAsync(told, CountryPage("BZ"));

            Assert.False(belize.Concerns(CountryPage("CR"), Everyone), "a page of Costa Rica sleeps through a write in Belize");
        }
        finally
        {
            updates.Changed -= Listen;
        }
    }

    /// <summary>The updates poll once a second: the first touch that concerns the page, within a few polls.</summary>
    static async Task<DashboardTouch> WaitUntilToldAsync(List<DashboardTouch> told, DashboardInterest page)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(15); waited += TimeSpan.FromMilliseconds(100))
        {
            lock (told)
                if (told.FirstOrDefault(t => t.Concerns(page, Everyone)) is { } touch)
                    return touch;
            await Task.Delay(100);
        }
        throw new TimeoutException("The page was never told of the write.");
    }
}
