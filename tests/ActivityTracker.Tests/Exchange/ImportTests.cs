using System.Text;
using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Exchange;
using ActivityTracker.Exchange.Imports;
using ActivityTracker.Reference;
using ActivityTracker.Seeding;
using Alba;
using Marten;
using MiniExcelLibs;
using static ActivityTracker.Tests.Exchange.ImportScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Exchange;

public class ImportTests(AppFixture app) : ActivityTest(app)
{
    static readonly string[] Header = [C.Id, C.Kind, C.Language, C.Title, C.Programme, C.Sector, C.Country, C.ActualStart, C.ParticipantsTotal, C.Outcomes, C.Partners];

    static string?[] Fair(string id, string title = "Feria de empleo", string country = "MX", string? total = "40") =>
        [id, "job-fair", "es", title, "MESO-CARIB", "16020", country, "2024-05-10", total, "jobfair-hired=12", "iom=implementing"];

    async Task<List<ActivityDetails>> ActivitiesAsync()
    {
        await using var session = App.Store.QuerySession();
        return [.. await session.Query<ActivityDetails>().OrderBy(a => a.Title).ToListAsync()];
    }

    [Fact]
    public async Task a_good_file_records_every_row_and_the_same_file_again_records_nothing_twice()
    {
        var csv = CsvOf(Header, Fair("P-1", "Feria 1"), Fair("P-2", "Feria 2"), Fair("", "Feria sin referencia"));

        var first = await Host.ImportAsync("fairs.csv", csv);
        var again = await Host.ImportAsync("fairs.csv", csv);

        Assert.Equal((ImportState.Completed, 3, 3, 0), (first.State, first.Rows, first.Recorded, first.AlreadyThere));
        Assert.Equal((ImportState.Completed, 0, 3), (again.State, again.Recorded, again.AlreadyThere));
        var activities = await ActivitiesAsync();
        Assert.Equal(["Feria 1", "Feria 2", "Feria sin referencia"], activities.Select(a => a.Title));
        Assert.All(activities, a => Assert.Equal(TestUsers.Officer.Email, a.RecordedBy));
        Assert.Equal(40, activities[0].Participants!.Total);
        Assert.Equal(12m, activities[0].Outcomes.Single().Value);
    }

    [Fact]
    public async Task a_file_with_bad_rows_is_reported_cell_by_cell_and_changes_nothing()
    {
        var csv = CsvOf(Header,
            Fair("P-1"),
            Fair("P-2", title: ""),
            ["P-3", "job-fair", "es", "=HYPERLINK(\"http://x\")", "NO-SUCH", "16020", "XX", "2024-13-01", "muchos", "jobfair-hired=12", "iom=donor"],
            Fair("P-1", "Repetida"));

        var job = await Host.ImportAsync("bad.csv", csv);

        Assert.Equal((ImportState.Rejected, 4, 3, 0), (job.State, job.Rows, job.BadRows, job.Recorded));
        Assert.Equal(
            [(3, C.Title), (4, C.ActualStart), (4, C.ParticipantsTotal), (4, C.Partners), (4, C.Title), (5, C.Id)],
            (await Host.ProblemsAsync(job)).Order());
        Assert.Empty(await ActivitiesAsync());
    }

    [Fact]
    public async Task a_kind_added_by_an_administrator_is_imported_and_listed_in_the_template()
    {
        await App.ActAsAsync(TestUsers.Admin);
        await Host.CreateAsync("/api/activity-kinds", new { code = "workshop", nameEn = "Workshop", nameEs = "Taller", indicators = new[] { "jobfair-hired" } });
        await App.ActAsAsync(TestUsers.Officer);

        var job = await Host.ImportAsync("workshops.csv", CsvOf(Header, [.. Fair("P-1", "Taller de empleo").Select(v => v == "job-fair" ? "workshop" : v)]));

        Assert.Equal((ImportState.Completed, 1), (job.State, job.Recorded));
        Assert.Equal("workshop", Assert.Single(await ActivitiesAsync()).Kind);
        await using var session = App.Store.QuerySession();
        var catalog = await ActivityTracker.Activities.Catalog.LoadAllAsync(session, CodeLists.Shipped, default);
        Assert.Equal((C.Kind, "workshop", "Workshop"), ImportTemplate.CodeRows(catalog).Single(r => r.Code == "workshop"));
    }

    [Fact]
    public async Task a_rows_notes_are_added_to_the_activity_one_per_line_and_exported_the_same_way()
    {
        string[] header = [.. Header, C.Notes];
        var notes = "Fuente: informe de la oficina; no da la sede.\n\n  Más de 40 personas, según la foto.  ";
        var csv = CsvOf(header, [.. Fair("P-1"), notes]);

        var job = await Host.ImportAsync("notes.csv", csv);

        Assert.Equal((ImportState.Completed, 1), (job.State, job.Recorded));
        var fair = Assert.Single(await ActivitiesAsync());
        Assert.Equal(["Fuente: informe de la oficina; no da la sede.", "Más de 40 personas, según la foto."], fair.Notes.Select(n => n.Text));
        Assert.All(fair.Notes, n => Assert.Equal(TestUsers.Officer.Email, n.By));
        // The export carries them in the same column, a line each, so nothing typed is lost on the way out.
        var exported = await Host.GetAsText("/api/exports/activities.csv");
        Assert.Contains("\"Fuente: informe de la oficina; no da la sede.\nMás de 40 personas, según la foto.\"", exported);
    }

    [Fact]
    public async Task too_many_or_too_long_notes_are_refused_in_their_column_and_record_nothing()
    {
        string[] header = [.. Header, C.Notes];
        var csv = CsvOf(header,
            [.. Fair("P-1"), string.Join("\n", Enumerable.Range(1, ActivityTracker.Activities.ActivityRules.NotesPerRowMax + 1).Select(i => $"Nota {i}"))],
            [.. Fair("P-2"), "Corta\n" + new string('x', ActivityTracker.Activities.ActivityRules.NoteMaxLength + 1)]);

        var job = await Host.ImportAsync("notes.csv", csv);

        Assert.Equal((ImportState.Rejected, 2, 0), (job.State, job.BadRows, job.Recorded));
        Assert.Equal([(2, C.Notes), (3, C.Notes)], await Host.ProblemsAsync(job));
        Assert.Empty(await ActivitiesAsync());
    }

    [Fact]
    public async Task the_good_rows_alone_are_recorded_when_the_user_asks()
    {
        var csv = CsvOf(Header, Fair("P-1"), Fair("P-2", country: "XX"));

        var job = await Host.ImportAsync("mixed.csv", csv, recordValidRows: true);

        Assert.Equal((ImportState.Completed, 1, 1), (job.State, job.BadRows, job.Recorded));
        Assert.Equal([(3, C.Country)], await Host.ProblemsAsync(job));
        Assert.Single(await ActivitiesAsync());
    }

    [Fact]
    public async Task rows_outside_the_officers_scope_are_refused()
    {
        await App.ActAsAsync(DemoUsers.OfficerMexico);

        var job = await Host.ImportAsync("fairs.csv", CsvOf(Header, Fair("P-1", country: "MX"), Fair("P-2", country: "GT")));

        Assert.Equal(ImportState.Rejected, job.State);
        Assert.Equal([(3, C.Programme)], await Host.ProblemsAsync(job));
    }

    [Fact]
    public async Task an_officer_importing_a_managers_rows_is_told_which_are_outside_and_why_and_records_the_rest_when_asked()
    {
        await App.ActAsAsync(DemoUsers.OfficerMexico);
        var csv = CsvOf(Header, Fair("P-1", country: "MX"), Fair("P-2", country: "GT"), Fair("P-3", title: "Reunión regional", country: ""));

        var job = await Host.ImportAsync("managers-export.csv", csv, recordValidRows: true);

        Assert.Equal((ImportState.Completed, 2, 1), (job.State, job.BadRows, job.Recorded));
        var problems = (await Host.GetAsJson<ImportProblemPage>($"/api/imports/{job.Id}/problems?pageSize=100"))!.Items;
        Assert.Equal([(3, C.Programme), (4, C.Programme)], problems.Select(p => (p.Row, p.Column)));
        Assert.Contains("hosted in GT is outside your scope", problems[0].Message);
        // A regional row naming no country once read "hosted in  is outside your scope".
        Assert.StartsWith("A regional activity of programme MESO-CARIB that names no country", problems[1].Message);
    }

    [Theory]
    [InlineData("id,kind,language,title,programme", "sector")] // a required column missing
    [InlineData("id,kind,language,title,programme,sector,colour", "colour")] // an unknown one
    [InlineData("id,kind,language,title,programme,sector,title", "title")] // twice
    public async Task a_file_whose_header_is_wrong_is_rejected_naming_the_column(string header, string column)
    {
        var job = await Host.ImportAsync("wrong.csv", header + "\r\nP-1,job-fair,es,Feria,MESO-CARIB,16020\r\n");

        Assert.Equal(ImportState.Rejected, job.State);
        Assert.Contains((1, column), await Host.ProblemsAsync(job));
        Assert.Empty(await ActivitiesAsync());
    }

    [Fact]
    public async Task rows_with_missing_or_extra_cells_and_files_in_another_encoding_are_reported()
    {
        var ragged = await Host.ImportAsync("ragged.csv", "id,kind,language,title,programme,sector\r\nP-1,job-fair,es,Feria\r\nP-2,job-fair,es,Feria,MESO-CARIB,16020,extra\r\n");
        var latin1 = await Host.ImportAsync("latin1.csv", Encoding.Latin1.GetBytes("id,kind,language,title,programme,sector\r\nP-1,job-fair,es,Reunión en Tapachula,MESO-CARIB,16020\r\n"));
        var notAWorkbook = await Host.ImportAsync("fake.xlsx", Encoding.UTF8.GetBytes("this is not a zip"));

        Assert.Equal([(2, ""), (3, "")], await Host.ProblemsAsync(ragged));
        Assert.Equal((ImportState.Rejected, 2), (latin1.State, (await Host.ProblemsAsync(latin1)).Single().Row));
        Assert.Equal((ImportState.Rejected, 1), (notAWorkbook.State, (await Host.ProblemsAsync(notAWorkbook)).Single().Row));
        Assert.Empty(await ActivitiesAsync());
    }

    [Fact]
    public async Task a_spreadsheet_in_spanish_with_semicolons_and_an_xlsx_workbook_import_alike()
    {
        var semicolons = CsvOf(Header, Fair("P-1")).Replace(',', ';');
        var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new[] { Header.Zip(Fair("P-2", "Feria del libro")).ToDictionary(p => p.First, p => (object?)p.Second) });

        var csv = await Host.ImportAsync("fairs.csv", semicolons.Replace("iom=implementing", "iom=implementing"));
        var xlsx = await Host.ImportAsync("fairs.xlsx", workbook.ToArray());

        Assert.Equal((ImportState.Completed, 1), (csv.State, csv.Recorded));
        Assert.Equal((ImportState.Completed, 1), (xlsx.State, xlsx.Recorded));
        Assert.Equal(2, (await ActivitiesAsync()).Count);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task the_seed_activities_exported_then_imported_are_the_same_activities(string format)
    {
        await DemoActivities.ImportAsync(App.Store, ReferenceData.Load(SeedFile.DefaultDirectory), DemoActivities.DefaultFile, DateOnly.FromDateTime(DateTime.UtcNow));
        var seeds = await ActivitiesAsync();
        var download = await Host.Scenario(s => s.Get.Url($"/api/exports/activities.{format}"));
        using var export = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(export);
        await Host.ResetAllMartenDataAsync();
        await ActivityTracker.Seeding.ReferenceStreams.ImportAsync(App.Store, SeedFile.DefaultDirectory);

        var job = await Host.ImportAsync($"activities.{format}", export.ToArray());

        Assert.Equal((ImportState.Completed, 10), (job.State, job.Recorded));
        var imported = await ActivitiesAsync();
        Assert.Equal(seeds.Select(a => a.Id), imported.Select(a => a.Id));
        Assert.Equal(seeds.Select(Facts), imported.Select(Facts));
    }

    /// <summary>What a row carries: everything but history (notes, who and when, version).</summary>
    static string Facts(ActivityDetails a) => string.Join('|', ActivityRow.Cells(a).Take(C.Importable.Count));

    [Fact]
    public async Task an_upload_without_a_spreadsheet_is_refused_naming_the_file_field()
    {
        await Host.UploadAsync("notes.txt", "hello", status: 400);
        await Host.UploadAsync("empty.csv", "", status: 400);
        await App.ActAsAsync(TestUsers.Manager);
        await Host.UploadAsync("fairs.csv", CsvOf(Header, Fair("P-1")), status: 403);
        await App.ActAsAsync(null);
        await Host.UploadAsync("fairs.csv", CsvOf(Header, Fair("P-1")), status: 401);
    }

    [Fact]
    public async Task a_run_cut_short_by_a_crash_resumes_without_recording_anything_twice()
    {
        var csv = CsvOf(Header, Fair("P-1", "Feria 1"), Fair("P-2", "Feria 2"), Fair("P-3", "Feria 3"));
        var requester = new ImportRequester(TestUsers.Officer.Email, [Roles.Officer], [ScopeClaims.All], [], "es");
        // Stored but never queued, as if the node died after the first batch of an earlier run.
        var job = ((ImportQueue.Accepted)await Host.Services.GetRequiredService<ImportQueue>()
            .AcceptAsync(requester, "fairs.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)), false, null, CancellationToken.None)).Job;
        await Host.ImportAsync("first-row.csv", CsvOf(Header, Fair("P-1", "Feria 1")));

        var resumed = await Host.Services.GetRequiredService<ImportRunner>().RunAsync(job.Id, null, CancellationToken.None);

        Assert.Equal((ImportState.Completed, 2, 1), (resumed.State, resumed.Recorded, resumed.AlreadyThere));
        Assert.Equal(["Feria 1", "Feria 2", "Feria 3"], (await ActivitiesAsync()).Select(a => a.Title));
    }

    [Fact]
    public async Task the_workbook_lists_exactly_the_codes_the_importer_takes()
    {
        var download = await Host.Scenario(s => s.Get.Url("/api/imports/template.xlsx"));
        using var workbook = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(workbook);
        IReadOnlyList<string[]> Sheet(string name)
        {
            workbook.Position = 0;
            return [.. workbook.Query(useHeaderRow: false, sheetName: name, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()
                .Skip(1).Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray())];
        }

        var codes = Sheet("codes");
        string[] Listed(string column) => [.. codes.Where(r => r[0].Split("; ").Contains(column)).Select(r => r[1])];
        // The guide once listed a kind the importer refused (caravan-survey) and left out four it took.
        Assert.Equal(CodeLists.Shipped.ActivityKinds.Keys.Order(), Listed(C.Kind).Order());
        Assert.Contains("campaign", Listed(C.Kind));
        Assert.Contains("MESO-CARIB", Listed(C.Programme));
        Assert.Contains("HN", Listed(C.Nationalities));
        // Outcome breakdowns name indicators, and the defined dimensions participants' parts name too.
        Assert.Contains("institution", Listed(C.ParticipantParts));
        Assert.Equal([.. Listed(C.Outcomes), .. Listed(C.ParticipantParts)], Listed(C.OutcomeBreakdowns));
        Assert.Contains(Sheet("guide"), r => r[0] == C.Kind && r[2].EndsWith("The 'codes' sheet lists every code it takes.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_template_has_the_import_columns()
    {
        var csv = await Host.GetAsText("/api/imports/template.csv");

        Assert.Equal(string.Join(',', C.Importable), csv.Trim('\uFEFF', '\r', '\n'));
    }
}
