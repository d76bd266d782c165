using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Components.Dashboards;
using ActivityTracker.Dashboards;
using ActivityTracker.Indicators;
using MudBlazor;

namespace ActivityTracker.ComponentTests;

public sealed class MonthTrendTests : ComponentTest
{
    static ReportedActivity Activity(DateOnly? held, int participants = 0, ReviewState review = ReviewState.Draft, bool cancelled = false) => new()
    {
        Id = Guid.NewGuid(),
        Activity = new ActivityDetails
        {
            Kind = "job-fair", ActualStart = held, Review = review, IsCancelled = cancelled,
            Participants = participants == 0 ? null : new ParticipantsReport(participants, false, [], null, []),
        },
    };

    /// <summary>The month slices the cube would read for these activities: each month's figures by DashboardSlice.Of.</summary>
    static IReadOnlyList<DashboardSlice> Months(params ReportedActivity[] activities) => activities
        .GroupBy(a => Dimensions.KeyOf(Dimensions.Month, a.Activity))
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => DashboardSlice.Of(Dimensions.Month, g.Key, g.ToList(), new Dictionary<string, IndicatorDefinition>()))
        .ToList();

    IRenderedComponent<MonthTrend> RenderTrend() => Render<MonthTrend>(p => p
        .Add(t => t.Months, Months(
        [
            Activity(new DateOnly(2019, 2, 27), 256, ReviewState.Approved),
            Activity(new DateOnly(2019, 2, 5), 40),
            Activity(new DateOnly(2019, 3, 11), 12, cancelled: true),
            Activity(new DateOnly(2019, 4, 1), 18),
            Activity(null),
        ])));

    static IReadOnlyList<double>[] Data(IRenderedComponent<MonthTrend> cut) =>
        cut.FindComponent<MudChart<double>>().Instance.ChartSeries.Select(s => s.Data.Values).ToArray();

    [Fact]
    public void counts_every_month_from_the_first_to_the_last_all_reported_next_to_approved()
    {
        UseCulture("en");

        var cut = RenderTrend();

        Assert.Equal(["Feb 2019", "Mar 2019", "Apr 2019"], cut.FindComponent<MudChart<double>>().Instance.ChartLabels);
        // The cancelled one does not count, as in Figures.Of; March stays on the axis with nothing.
        Assert.Equal([[2, 0, 1], [1, 0, 0]], Data(cut));
        Assert.Equal("Without a date, not charted: 1.", cut.Find("[data-testid=trend-undated]").TextContent);
        Assert.Equal("Activities per month, Feb 2019 to Apr 2019: all reported and approved.", cut.Find("figcaption").TextContent);

        cut.FindAll("[data-testid=trend-measure] button").Single(b => b.TextContent.Contains("Participants")).Click();

        Assert.Equal([[296, 0, 18], [256, 0, 0]], Data(cut));
    }

    [Fact]
    public void says_so_when_no_activity_has_a_date()
    {
        UseCulture("es");

        var cut = Render<MonthTrend>(p => p.Add(t => t.Months, Months(Activity(null))));

        Assert.Contains("Ninguna actividad tiene fecha todavía.", cut.Markup);
        Assert.Empty(cut.FindComponents<MudChart<double>>());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(8, 2)]
    [InlineData(20, 5)]
    [InlineData(256, 100)]
    [InlineData(1195, 500)]
    public void the_axis_ticks_are_round_numbers_about_four_to_the_largest_figure(double max, int step)
    {
        Assert.Equal(step, MonthTrend.TickStep(max));
    }
}
