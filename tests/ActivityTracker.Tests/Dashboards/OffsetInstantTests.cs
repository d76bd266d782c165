using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

// Issue 15, item 10: an instant written with a non-UTC offset (asOf, from, to: -06:00, Central America's) was a 500,
// since Npgsql sends instants only with offset 0. It now reads as the same instant in UTC.
[Trait("Category", "Security")]
public class OffsetInstantTests(AppFixture app) : ActivityTest(app)
{
    static readonly Guid JobFair = Guid.CreateVersion7();
    static readonly DateTimeOffset Corrected = new(2019, 4, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The fair reported with 256 participants in March and corrected to 300 at 09:00 UTC on 10 April.</summary>
    async Task GivenTheHistoryAsync()
    {
        var officer = TestUsers.Officer.Email;
        await App.AppendAtAsync(JobFair, new DateTimeOffset(2019, 3, 1, 9, 0, 0, TimeSpan.Zero), officer,
            [.. Accepted(TijuanaJobFair().Decide(JobFair, TestCatalog, Today))]);
        await App.AppendAtAsync(JobFair, Corrected, officer,
            new ParticipantsReported(JobFair, 300, false, [], null, [], new Correction(CorrectionReason.LateData, null)));
        await App.ActAsAsync(TestUsers.Manager);
    }

    async Task<string> GetAsync(string url) => await (await Host.Scenario(s =>
    {
        s.Get.Url(url);
        s.StatusCodeShouldBe(200);
    })).ReadAsTextAsync();

    static string Query(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O"));

    [Theory]
    [InlineData("/api/dashboards/countries?asOf={0}")]
    [InlineData("/api/dashboards/countries/MX?asOf={0}")]
    [InlineData("/api/dashboards/countries/MX/provenance?figure=participants&asOf={0}")]
    [InlineData("/api/exports/dashboards/countries.csv?asOf={0}")]
    [InlineData("/api/dashboards/restatements?from=2019-03-31T18%3A00%3A00-06%3A00&to={0}")]
    public async Task an_instant_with_an_offset_answers_200_with_the_figures_of_the_same_instant_in_utc(string url)
    {
        await GivenTheHistoryAsync();
        // 04:00 at -06:00 is 10:00 UTC, after the correction; read as 04:00 UTC it would be before.
        var central = Corrected.AddHours(1).ToOffset(TimeSpan.FromHours(-6));

        var withOffset = await GetAsync(string.Format(url, Query(central)));
        var inUtc = await GetAsync(string.Format(url, Query(central.ToUniversalTime())).Replace("2019-03-31T18%3A00%3A00-06%3A00", "2019-04-01T00%3A00%3A00Z"));

        Assert.Equal(inUtc, withOffset);
        Assert.Contains("300", withOffset);
    }

    [Fact]
    public async Task the_dashboard_echoes_the_instant_in_utc()
    {
        await GivenTheHistoryAsync();

        var view = (await Host.GetAsJson<DashboardView>($"/api/dashboards/countries/MX?asOf={Query(Corrected.AddHours(1).ToOffset(TimeSpan.FromHours(-6)))}"))!;

        Assert.Equal((Corrected.AddHours(1), TimeSpan.Zero, 300L), (view.AsOf!.Value, view.AsOf.Value.Offset, view.AllReported.Participants));
    }
}
