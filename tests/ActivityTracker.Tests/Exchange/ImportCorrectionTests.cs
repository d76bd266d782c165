using System.Globalization;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Exchange.Imports;
using Alba;
using CsvHelper;
using Marten;
using static ActivityTracker.Tests.Exchange.ImportScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Exchange;

// A row imported again whose cells differ from its activity (the file was edited): each changed cell is reported with what the
// activity says and what the row says, and applied as a correction only when the row gives a correction reason.
public class ImportCorrectionTests(AppFixture app) : ActivityTest(app)
{
    static readonly string[] Header = [C.Id, C.Kind, C.Language, C.Title, C.Programme, C.Sector, C.Country, C.ActualStart, C.ParticipantsTotal, C.Outcomes,
        C.Partners, C.CorrectionReason, C.CorrectionNote];

    static string?[] Fair(string title = "Feria de empleo", string total = "40", string outcomes = "jobfair-hired=12", string? reason = null, string? note = null) =>
        ["P-1", "job-fair", "es", title, "MESO-CARIB", "16020", "MX", "2024-05-10", total, outcomes, "iom=implementing", reason, note];

    async Task<ActivityDetails> FairAsync()
    {
        await using var session = App.Store.QuerySession();
        return Assert.Single(await session.Query<ActivityDetails>().ToListAsync());
    }

    [Fact]
    public async Task a_changed_row_is_reported_cell_by_cell_and_applied_as_corrections_only_with_a_reason()
    {
        await Host.ImportAsync("fair.csv", CsvOf(Header, Fair()));

        var reported = await Host.ImportAsync("fair.csv", CsvOf(Header, Fair(title: "Feria de empleo de Mexicali", total: "45")));

        Assert.Equal((ImportState.Completed, 1, 0, 0, 0), (reported.State, reported.BadRows, reported.Recorded, reported.AlreadyThere, reported.Corrected));
        Assert.Equal([(2, C.ParticipantsTotal), (2, C.Title)], (await Host.ProblemsAsync(reported)).Order());
        var problems = (await Host.GetAsJson<ImportProblemPage>($"/api/imports/{reported.Id}/problems"))!.Items;
        Assert.Contains("'40'", problems.Single(p => p.Column == C.ParticipantsTotal).Message);
        Assert.Contains("'45'", problems.Single(p => p.Column == C.ParticipantsTotal).Message);
        Assert.Equal(("Feria de empleo", 40), ((await FairAsync()).Title, (await FairAsync()).Participants!.Total));

        var corrected = await Host.ImportAsync("fair.csv", CsvOf(Header, Fair(title: "Feria de empleo de Mexicali", total: "45", reason: "LateData", note: "Lista final de asistencia")));

        Assert.Equal((ImportState.Completed, 0, 1), (corrected.State, corrected.BadRows, corrected.Corrected));
        var fair = await FairAsync();
        Assert.Equal(("Feria de empleo de Mexicali", 45), (fair.Title, fair.Participants!.Total));
        await using (var session = App.Store.QuerySession())
        {
            var history = await session.Events.FetchStreamAsync(fair.Id);
            Assert.Equal(new Correction(CorrectionReason.LateData, "Lista final de asistencia"), history.Select(e => e.Data).OfType<ParticipantsReported>().Last().Correction);
            Assert.Equal("Feria de empleo de Mexicali", history.Select(e => e.Data).OfType<DetailsCorrected>().Single().Changes.Title);
        }
        // The same file a third time says what the activity says now.
        var again = await Host.ImportAsync("fair.csv", CsvOf(Header, Fair(title: "Feria de empleo de Mexicali", total: "45", reason: "LateData")));
        Assert.Equal((0, 1, 0), (again.BadRows, again.AlreadyThere, again.Corrected));
    }

    [Fact]
    public async Task an_export_imported_again_as_it_is_changes_nothing_and_an_edited_one_corrects_with_its_reason()
    {
        await Host.ImportAsync("fairs.csv", CsvOf(Header, Fair(), ["P-2", "job-fair", "es", "Otra feria", "MESO-CARIB", "16020", "MX", "2024-06-10", "30", "jobfair-hired>=20", "iom=implementing", null, null]));
        var exported = await Host.GetAsText("/api/exports/activities.csv");

        var same = await Host.ImportAsync("export.csv", exported);
        Assert.Equal((ImportState.Completed, 0, 0, 2, 0), (same.State, same.BadRows, same.Recorded, same.AlreadyThere, same.Corrected));

        // Edited in a spreadsheet: a figure, and the reason in the column the export leaves empty for it.
        using var parser = new CsvParser(new StringReader(exported.TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        var records = new List<string?[]>();
        while (parser.Read())
            records.Add(parser.Record!);
        var header = records[0];
        var row = records.Single(r => r[Array.IndexOf(header, C.Title)] == "Otra feria");
        row[Array.IndexOf(header, C.Outcomes)] = "jobfair-hired>=25";
        row[Array.IndexOf(header, C.CorrectionReason)] = "Typo";
        var edited = await Host.ImportAsync("export.csv", CsvOf(header!, [.. records.Skip(1)]));

        Assert.Equal((0, 1, 1), (edited.BadRows, edited.AlreadyThere, edited.Corrected));
        await using var session = App.Store.QuerySession();
        var other = Assert.Single(await session.Query<ActivityDetails>().Where(a => a.Title == "Otra feria").ToListAsync());
        Assert.Equal((25m, true), (other.Outcomes.Single().Value, other.Outcomes.Single().ValueIsMinimum));
    }

    [Fact]
    public async Task a_correction_the_rules_refuse_is_reported_and_nothing_of_the_row_applied()
    {
        await Host.ImportAsync("fair.csv", CsvOf(Header, Fair()));
        var fair = await FairAsync();

        // Leaving an outcome out would remove a figure: not an import's to do.
        var dropped = await Host.ImportAsync("fair.csv", CsvOf(Header, Fair(total: "45", outcomes: "", reason: "LateData")));
        Assert.Equal((1, 0), (dropped.BadRows, dropped.Corrected));
        Assert.Contains("jobfair-hired", (await Host.GetAsJson<ImportProblemPage>($"/api/imports/{dropped.Id}/problems"))!.Items.Single().Message);
        // An approved activity is reopened before it is corrected.
        await Host.SendAsync(fair.Id, "submit", new { version = fair.Version });
        await App.ActAsAsync(TestUsers.Manager);
        await Host.SendAsync(fair.Id, "approve", new { version = fair.Version + 1 });
        await App.ActAsAsync(TestUsers.Officer);
        var approved = await Host.ImportAsync("fair.csv", CsvOf(Header, Fair(total: "45", reason: "LateData")));

        Assert.Equal((1, 0), (approved.BadRows, approved.Corrected));
        Assert.Equal([(2, C.Id)], await Host.ProblemsAsync(approved));
        Assert.Equal(40, (await FairAsync()).Participants!.Total);
        // A reason that is not one is the row's own problem, found before anything is recorded.
        var unknown = await Host.ImportAsync("fair.csv", CsvOf(Header, Fair(total: "45", reason: "Because")));
        Assert.Equal(ImportState.Rejected, unknown.State);
        Assert.Equal([(2, C.CorrectionReason)], await Host.ProblemsAsync(unknown));
    }
}
