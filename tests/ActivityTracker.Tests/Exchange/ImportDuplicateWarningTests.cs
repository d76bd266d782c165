using ActivityTracker.Activities;
using ActivityTracker.Exchange.Imports;
using Alba;
using static ActivityTracker.Tests.Exchange.ImportScenarios;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Exchange;

// A row that may report an activity already recorded is recorded, with a warning naming the other, as the case file warns.
public class ImportDuplicateWarningTests(AppFixture app) : ActivityTest(app)
{
    static readonly string[] Header = [C.Id, C.Kind, C.Language, C.Title, C.Programme, C.Sector, C.Country, C.ActualStart, C.ActualEnd, C.Partners];

    [Fact]
    public async Task a_row_like_an_activity_already_there_is_recorded_with_a_warning_naming_it()
    {
        var (training, _) = await Host.RecordAsync(PlannedMeeting() with
        {
            Kind = "training",
            Title = "Capacitación sobre trata para cónsules",
            PlannedStart = null,
            PlannedEnd = null,
            ActualStart = new DateOnly(2025, 5, 22),
            ActualEnd = new DateOnly(2025, 5, 23),
            Location = new LocationInput("MX", null, "Tapachula", null, null),
        });

        var job = await Host.ImportAsync("capacitaciones.csv", CsvOf(Header,
            ["T-1", "training", "es", "Capacitacion a consules sobre trata", "MESO-CARIB", "15190", "MX", "2025-05-23", "2025-05-23", null],
            ["T-2", "training", "es", "Taller de periodismo", "MESO-CARIB", "15190", "MX", "2025-09-01", "2025-09-01", null]));

        Assert.Equal((ImportState.Completed, 2, 0, 1, true), (job.State, job.Recorded, job.BadRows, job.LikelyDuplicates, job.DuplicatesChecked));
        var warning = Assert.Single((await Host.GetAsJson<ImportProblemPage>($"/api/imports/{job.Id}/problems"))!.Items);
        Assert.Equal((2, C.Id, true), (warning.Row, warning.Column, warning.IsWarning));
        Assert.Contains($"/activities/{training}", warning.Message);
        Assert.Contains("Capacitación sobre trata para cónsules", warning.Message);
    }
}
