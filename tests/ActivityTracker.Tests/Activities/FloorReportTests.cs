using System.Xml.Linq;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Exchange.Imports;
using ActivityTracker.Tests.Dashboards;
using Alba;
using Marten;
using static ActivityTracker.Tests.Exchange.ImportScenarios;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Activities;

// "More than 1,500 interviews" stays a floor from the report to every figure and file: the case file, the dashboards
// (a total that adds a floor is one), the activity and dashboard exports, the import (code>=N) and IATI.
public class FloorReportTests(AppFixture app) : DashboardTest(app)
{
    static RecordActivity Survey(string title, decimal interviewed, bool floor, int day) => TijuanaJobFair() with
    {
        Kind = "survey",
        Title = title,
        ActualStart = new(2019, 5, day),
        ActualEnd = new(2019, 5, day),
        Location = new LocationInput("GT", null, "Tecún Umán", null, null),
        Participants = new ParticipantsInput(60, TotalIsMinimum: floor),
        Outcomes = [new OutcomeInput("people-interviewed", interviewed, ValueIsMinimum: floor)],
    };

    [Fact]
    public async Task a_floor_is_kept_in_the_case_file_summed_as_a_floor_and_marked_in_every_export()
    {
        var (floor, _) = await Host.RecordAsync(Survey("Flow monitoring, more than 1,500 interviews", 1500, floor: true, day: 2));
        await Host.RecordAsync(Survey("Flow monitoring, 300 interviews", 300, floor: false, day: 9));
        await App.WaitForProjectionsAsync();

        var file = (await Host.GetAsJson<ActivityDetails>(ActivitySteps.Url(floor)))!;
        Assert.Equal(("people-interviewed", 1500m, true), (file.Outcomes.Single().IndicatorCode, file.Outcomes.Single().Value, file.Outcomes.Single().ValueIsMinimum));

        var guatemala = await Dashboard("countries/GT");
        var interviewed = guatemala.AllReported.Outcomes.Single();
        Assert.Equal((1800m, true), (interviewed.Value, interviewed.IsMinimum));
        Assert.Equal((120L, true), (guatemala.AllReported.Participants, guatemala.AllReported.ParticipantsIsMinimum));

        var sheet = (await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/dashboards/countries.csv"))).Split('\n').Select(l => l.Trim().Split(',')).ToList();
        Assert.Contains(sheet, r => r is [_, "GT", .., "all_reported", "outcome:people-interviewed", "", "1800", "true", "2", "", ""]);
        Assert.Contains(sheet, r => r is [_, "GT", .., "all_reported", "participants", "", "120", "true", "", "", ""]);

        var activities = await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/activities.csv"));
        Assert.Contains("people-interviewed>=1500", activities);
        Assert.Contains("people-interviewed=300", activities);

        var iati = XDocument.Parse(await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/iati.xml")));
        var actual = iati.Root!.Elements("iati-activity").Single(a => a.Element("iati-identifier")!.Value.EndsWith(floor.ToString()))
            .Element("result")!.Element("indicator")!.Element("period")!.Element("actual")!;
        Assert.Equal("1500", (string?)actual.Attribute("value"));
        Assert.StartsWith("At least 1500", actual.Element("comment")!.Elements("narrative").First().Value);
    }

    [Fact]
    public async Task an_imported_floor_is_written_code_greater_or_equal_value_and_comes_back_the_same()
    {
        string[] header = [C.Id, C.Kind, C.Language, C.Title, C.Programme, C.Sector, C.Country, C.ActualStart, C.ParticipantsTotal, C.ParticipantsTotalIsMinimum, C.Outcomes];
        var csv = CsvOf(header,
            ["S-1", "survey", "es", "Encuesta de flujo", "MESO-CARIB", "15190", "GT", "2019-05-02", "60", "true", "people-interviewed >= 1500"],
            ["S-2", "survey", "es", "Encuesta con forma rota", "MESO-CARIB", "15190", "GT", "2019-05-03", "60", "", "people-interviewed>=muchas"]);

        var job = await Host.ImportAsync("floors.csv", csv);

        Assert.Equal((ImportState.Rejected, 1), (job.State, job.BadRows));
        Assert.Equal([(3, C.Outcomes)], await Host.ProblemsAsync(job));
        var good = await Host.ImportAsync("floors.csv", CsvOf(header, ["S-1", "survey", "es", "Encuesta de flujo", "MESO-CARIB", "15190", "GT", "2019-05-02", "60", "true", "people-interviewed >= 1500"]));
        Assert.Equal(1, good.Recorded);
        await using var session = App.Store.QuerySession();
        var survey = Assert.Single(await session.Query<ActivityDetails>().Where(a => a.Title == "Encuesta de flujo").ToListAsync());
        Assert.Equal((1500m, true), (survey.Outcomes.Single().Value, survey.Outcomes.Single().ValueIsMinimum));

        // The export's cell imports back as it was written.
        var exported = await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/activities.csv"));
        Assert.Contains("people-interviewed>=1500", exported);
    }
}
