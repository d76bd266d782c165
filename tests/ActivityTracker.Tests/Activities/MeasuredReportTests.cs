using System.Xml.Linq;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Exchange.Imports;
using ActivityTracker.Indicators;
using ActivityTracker.Tests.Dashboards;
using ActivityTracker.Tests.Exchange;
using Alba;
using Marten;
using static ActivityTracker.Tests.Exchange.ImportScenarios;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Activities;

// "An average of 120 arrivals a day", "34 % more than last year": the seeded rate (daily-arrivals, per day) and percentage
// (arrivals-change) from the report to the dashboards, the exports, the import and IATI, never summed.
public class MeasuredReportTests(AppFixture app) : DashboardTest(app)
{
    static RecordActivity Survey(string title, int day, params OutcomeInput[] outcomes) => TijuanaJobFair() with
    {
        Kind = "survey",
        Title = title,
        ActualStart = new(2019, 5, day),
        ActualEnd = new(2019, 5, day),
        Location = new LocationInput("GT", null, "Tecún Umán", null, null),
        Participants = null,
        Partners = [],
        Outcomes = outcomes,
    };

    [Fact]
    public async Task rates_are_weighted_by_their_bases_on_the_dashboard_and_in_its_export()
    {
        var (weighed, _) = await Host.RecordAsync(Survey("Flow monitoring, 30 days", 2, new OutcomeInput("daily-arrivals", 120, Base: 30)));
        await Host.RecordAsync(Survey("Flow monitoring, 10 days", 9, new OutcomeInput("daily-arrivals", 60, Base: 10)));
        await Host.RecordAsync(Survey("Flow monitoring, days not said", 16, new OutcomeInput("daily-arrivals", 900)));
        await App.WaitForProjectionsAsync();

        var file = (await Host.GetAsJson<ActivityDetails>(ActivitySteps.Url(weighed)))!;
        Assert.Equal((120m, (decimal?)30m), (file.Outcomes.Single().Value, file.Outcomes.Single().Base));

        // 4,200 arrivals over 40 days: 105 a day. The report that gave no days is not weighed, and the figure says so.
        var arrivals = (await Dashboard("countries/GT")).AllReported.Outcomes.Single();
        Assert.Equal((105m, AggregationRule.WeightedMean, 3, 2, (decimal?)40m), (arrivals.Value, arrivals.Aggregation, arrivals.Reports, arrivals.Weighed, arrivals.Base));

        var sheet = (await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/dashboards/countries.csv"))).Split('\n').Select(l => l.Trim().Split(',')).ToList();
        Assert.Contains(sheet, r => r is [_, "GT", .., "all_reported", "outcome:daily-arrivals", "", "105", "", "3", "2", "40"]);
        Assert.Contains("daily-arrivals=120@30", await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/activities.csv")));
    }

    [Fact]
    public async Task a_percentage_with_its_base_comes_through_the_import_and_is_an_iati_percentage()
    {
        string[] header = [C.Id, C.Kind, C.Language, C.Title, C.Programme, C.Sector, C.Country, C.ActualStart, C.Outcomes];
        var broken = await Host.ImportAsync("change.csv", CsvOf(header,
            ["S-1", "survey", "es", "Monitoreo de flujos 2019", "MESO-CARIB", "15190", "GT", "2019-05-02", "arrivals-change=-12@900"],
            ["S-2", "survey", "es", "Monitoreo con base rota", "MESO-CARIB", "15190", "GT", "2019-05-03", "arrivals-change=-12@muchas"]));
        Assert.Equal([(3, C.Outcomes)], await Host.ProblemsAsync(broken));

        var job = await Host.ImportAsync("change.csv", CsvOf(header,
            ["S-1", "survey", "es", "Monitoreo de flujos 2019", "MESO-CARIB", "15190", "GT", "2019-05-02", "arrivals-change=-12@900"]));
        Assert.Equal(1, job.Recorded);
        await using var session = App.Store.QuerySession();
        var survey = Assert.Single(await session.Query<ActivityDetails>().Where(a => a.Title == "Monitoreo de flujos 2019").ToListAsync());
        Assert.Equal((-12m, (decimal?)900m), (survey.Outcomes.Single().Value, survey.Outcomes.Single().Base));

        var iati = await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/iati.xml"));
        Assert.Empty(IatiSchema.Problems(iati));
        var indicator = XDocument.Parse(iati).Root!.Elements("iati-activity").Single(a => a.Element("iati-identifier")!.Value.EndsWith(survey.Id.ToString()))
            .Element("result")!.Element("indicator")!;
        Assert.Equal("2", (string?)indicator.Attribute("measure"));
        // A percentage has no value "before" the activity: no made-up baseline.
        Assert.Null(indicator.Element("baseline"));
        var actual = indicator.Element("period")!.Element("actual")!;
        Assert.Equal("-12", (string?)actual.Attribute("value"));
        Assert.StartsWith("A percentage of 900 (arrivals the year before).", actual.Element("comment")!.Elements("narrative").First().Value);
    }

    [Fact]
    public async Task an_indicator_whose_measure_and_rule_disagree_is_refused_naming_each_field()
    {
        var result = await As(TestUsers.Admin, () => Host.PostJsonAsync("/api/indicators",
            new { code = "women-share", nameEn = "Share of women", nameEs = "Proporción de mujeres", unit = "people", aggregation = "Sum", measure = "Percentage", breakdowns = new[] { "Sex" } }, 400));

        Assert.Equal(["aggregation", "breakdowns", "per"], await result.ErrorFieldsAsync());
        await using var session = App.Store.QuerySession();
        Assert.Null(await session.LoadAsync<IndicatorDefinition>(IndicatorDefinition.IdFor("women-share")));
    }
}
