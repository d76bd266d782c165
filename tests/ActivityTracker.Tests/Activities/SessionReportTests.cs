using System.Xml.Linq;
using ActivityTracker.Access;
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

// "Training held on 22 and 27 May": the separate days survive the API, the case file, the exports and the import, and the
// activity counts once.
public class SessionReportTests(AppFixture app) : DashboardTest(app)
{
    static readonly RecordActivity Training = TijuanaJobFair() with
    {
        Kind = "training",
        Title = "Capacitación en dos jornadas",
        ActualStart = null,
        ActualEnd = null,
        Outcomes = null,
        Location = new LocationInput("MX", "Chiapas", "Tapachula", null, null),
        Sessions = [new SessionInput(new DateOnly(2019, 5, 22)), new SessionInput(new DateOnly(2019, 5, 27), "Tuxtla Gutiérrez")],
    };

    [Fact]
    public async Task the_separate_days_reach_the_case_file_and_every_export_and_the_activity_counts_once()
    {
        var (id, _) = await Host.RecordAsync(Training);
        await App.WaitForProjectionsAsync();

        var file = (await Host.GetAsJson<ActivityDetails>(ActivitySteps.Url(id)))!;
        Assert.Equal((new DateOnly(2019, 5, 22), (DateOnly?)new DateOnly(2019, 5, 27)), (file.ActualStart, file.ActualEnd));
        Assert.Equal([new Session(new DateOnly(2019, 5, 22), null), new Session(new DateOnly(2019, 5, 27), "Tuxtla Gutiérrez")], file.Sessions);
        Assert.Equal(1, (await Dashboard("countries/MX")).AllReported.Activities);

        var csv = await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/activities.csv"));
        Assert.Contains("2019-05-22; 2019-05-27|Tuxtla Gutiérrez", csv);
        var iati = XDocument.Parse(await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/iati.xml")));
        var start = iati.Root!.Elements("iati-activity").Single(a => a.Element("iati-identifier")!.Value.EndsWith(id.ToString()))
            .Elements("activity-date").Single(d => (string?)d.Attribute("type") == "2");
        Assert.Equal("2019-05-22", (string?)start.Attribute("iso-date"));
        Assert.Equal("Held on 2 separate days: 2019-05-22, 2019-05-27 (Tuxtla Gutiérrez).", start.Elements("narrative").First().Value);
    }

    [Fact]
    public async Task an_import_takes_the_days_in_one_cell_and_checks_them_like_the_form()
    {
        string[] header = [C.Id, C.Kind, C.Language, C.Title, C.Programme, C.Sector, C.Country, C.Sessions];
        var bad = await Host.ImportAsync("sessions.csv", CsvOf(header, ["S-1", "training", "es", "Dos jornadas", "MESO-CARIB", "15190", "MX", "2019-05-22; 22/05/2019"]));
        Assert.Equal([(2, C.Sessions)], await Host.ProblemsAsync(bad));

        var good = await Host.ImportAsync("sessions.csv", CsvOf(header, ["S-1", "training", "es", "Dos jornadas", "MESO-CARIB", "15190", "MX", "2019-05-27|Tuxtla Gutiérrez; 2019-05-22"]));

        Assert.Equal((ImportState.Completed, 1), (good.State, good.Recorded));
        await using var session = App.Store.QuerySession();
        var training = Assert.Single(await session.Query<ActivityDetails>().ToListAsync());
        Assert.Equal((new DateOnly(2019, 5, 22), (DateOnly?)new DateOnly(2019, 5, 27), 2), (training.ActualStart, training.ActualEnd, training.Sessions.Count));
    }
}
