using System.Diagnostics;
using System.Text;
using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Exchange.Imports;
using Alba;
using Marten;
using static ActivityTracker.Tests.Exchange.CraftedWorkbook;
using static ActivityTracker.Tests.Exchange.ImportScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Exchange;

/// <summary>
/// What an upload can cost is bounded before its rows are read; every import ends (time budget, cancel);
/// one never holds up another user's; ids and problems reveal and store nothing they should not.
/// </summary>
[Trait("Category", "Security")]
public class ImportLimitTests(AppFixture app) : ActivityTest(app)
{
    static readonly string[] Header = [C.Id, C.Kind, C.Language, C.Title, C.Programme, C.Sector, C.Country, C.ActualStart, C.ParticipantsTotal];
    /// <summary>Generous for a loaded two-core machine; an attack that gets through takes minutes.</summary>
    static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    static string?[] Fair(string id, string title = "Feria de empleo", string country = "MX") =>
        [id, "job-fair", "es", title, "MESO-CARIB", "16020", country, "2024-05-10", "40"];

    static string ManyFairs(int count) => CsvOf(Header, [.. Enumerable.Range(1, count).Select(i => Fair($"F-{i}", $"Feria {i}"))]);

    static ImportRequester Officer => new(TestUsers.Officer.Email, [Roles.Officer], [ScopeClaims.All], [], "en");

    async Task<List<ActivityDetails>> ActivitiesAsync(IDocumentStore? store = null)
    {
        await using var session = (store ?? App.Store).QuerySession();
        return [.. await session.Query<ActivityDetails>().OrderBy(a => a.Title).ToListAsync()];
    }

    async Task<ImportJob> UploadAsync(string fileName, string csv) =>
        (await (await Host.UploadAsync(fileName, csv)).ReadAsJsonAsync<ImportJob>())!;

    async Task<ImportJob> WaitForAsync(Guid id, Func<ImportJob, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var job = (await Host.GetAsJson<ImportJob>($"/api/imports/{id}"))!;
            if (until(job))
                return job;
            Assert.True(DateTime.UtcNow < deadline, $"The import is still {job.State} after a minute.");
            await Task.Delay(100);
        }
    }

    Task<IScenarioResult> CancelAsync(Guid id, int status) => Host.Scenario(s =>
    {
        s.Post.Url($"/api/imports/{id}/cancel");
        s.StatusCodeShouldBe(status);
    });

    /// <summary>A workbook of one good row whose sheet declares or holds what the test adds.</summary>
    static byte[] OneFair(string? dimension = null, string? farCell = null, Action<TextWriter>? sharedStrings = null) =>
        Of(text =>
        {
            text.Write(Row(1, Header).Replace("</row>", (farCell == "XFD1" ? Text(farCell, "x") : "") + "</row>"));
            text.Write(Row(2, Fair("F-1")).Replace("</row>", (farCell == "XFD2" ? Text(farCell, "x") : "") + "</row>"));
        }, dimension, sharedStringsData: sharedStrings);

    [Theory]
    [InlineData("A1:XFD200", "XFD2")] // the 7 KB workbook of the issue: a general reader builds 200 rows of 16,384 cells
    [InlineData(null, "XFD1")] // no dimension, a header 16,384 columns wide: as many problems stored
    public async Task a_workbook_reaching_column_XFD_is_refused_before_its_rows_and_records_nothing(string? dimension, string farCell)
    {
        var workbook = OneFair(dimension, farCell);
        var watch = Stopwatch.StartNew();

        var job = await Host.ImportAsync("far.xlsx", workbook);

        Assert.True(watch.Elapsed < Quickly, $"took {watch.Elapsed}");
        Assert.Equal((ImportState.Rejected, 1), (job.State, job.ProblemCount));
        Assert.Equal([(1, "")], await Host.ProblemsAsync(job));
        Assert.Empty(await ActivitiesAsync());
    }

    [Theory]
    [InlineData(64 * 1024 * 1024)] // past what shared strings may inflate to: refused on the zip's word, unread
    [InlineData(100 * 1024)] // within it, but longer than a cell: refused as soon as it is read that far
    public async Task a_workbook_holding_a_huge_text_is_refused_at_once_and_records_nothing(int length)
    {
        var workbook = OneFair(sharedStrings: text =>
        {
            text.Write("<si><t>");
            var chunk = new string('a', 100 * 1024);
            for (var written = 0; written < length; written += chunk.Length)
                text.Write(chunk);
            text.Write("</t></si>");
        });
        var watch = Stopwatch.StartNew();

        var job = await Host.ImportAsync("huge-text.xlsx", workbook);

        Assert.True(watch.Elapsed < Quickly, $"took {watch.Elapsed}");
        Assert.True(workbook.Length < 1024 * 1024, $"the workbook is {workbook.Length} bytes");
        Assert.Equal(ImportState.Rejected, job.State);
        Assert.Equal([(1, "")], await Host.ProblemsAsync(job));
        Assert.Empty(await ActivitiesAsync());
    }

    [Theory]
    [InlineData(false)] // the zip says what the sheet inflates to: refused unread
    [InlineData(true)] // the zip says 1 KB: refused on reading past the bound
    public async Task a_zip_bomb_is_refused_once_it_inflates_past_the_bound_whatever_its_header_says(bool lying)
    {
        await using var host = await App.StartHostAsync(("Imports:MaxSheetBytes", "1048576"));
        // 64 MB of comments after a good row: a reader that inflates them all imports the row.
        var bomb = Of(text =>
        {
            text.Write(Row(1, Header) + Row(2, Fair("F-1")));
            var comments = string.Concat(Enumerable.Repeat("<!--x-->", 128 * 1024));
            for (var i = 0; i < 64; i++)
                text.Write(comments);
        });
        if (lying)
            bomb = Declaring(bomb, "xl/worksheets/sheet1.xml", 1024);
        var job = ((ImportQueue.Accepted)await host.Services.GetRequiredService<ImportQueue>()
            .AcceptAsync(Officer, "bomb.xlsx", new MemoryStream(bomb), false, null, CancellationToken.None)).Job;
        var watch = Stopwatch.StartNew();

        var ended = await host.Services.GetRequiredService<ImportRunner>().RunAsync(job.Id, null, CancellationToken.None);

        Assert.True(watch.Elapsed < Quickly, $"took {watch.Elapsed}");
        Assert.Equal((ImportState.Rejected, 1), (ended.State, ended.ProblemCount));
        Assert.Empty(await ActivitiesAsync());
    }

    [Fact]
    public async Task an_import_past_its_time_budget_fails_saying_so_and_records_nothing()
    {
        await using var host = await App.StartHostAsync(("Imports:TimeBudget", "00:00:00.2"));
        var job = ((ImportQueue.Accepted)await host.Services.GetRequiredService<ImportQueue>()
            .AcceptAsync(Officer, "many.csv", new MemoryStream(Encoding.UTF8.GetBytes(ManyFairs(50_000))), false, null, CancellationToken.None)).Job;
        var watch = Stopwatch.StartNew();

        var ended = await host.Services.GetRequiredService<ImportRunner>().RunAsync(job.Id, null, CancellationToken.None);

        Assert.True(watch.Elapsed < Quickly, $"took {watch.Elapsed}");
        Assert.Equal((ImportState.Failed, 0), (ended.State, ended.Recorded));
        Assert.Contains("0.2", ended.Failure); // the budget, in seconds
        Assert.Empty(await ActivitiesAsync());
    }

    [Fact]
    public async Task an_import_cut_short_by_crashes_again_and_again_is_not_run_once_more()
    {
        var queue = Host.Services.GetRequiredService<ImportQueue>();
        var job = ((ImportQueue.Accepted)await queue.AcceptAsync(Officer, "fairs.csv", new MemoryStream(Encoding.UTF8.GetBytes(ManyFairs(3))), false, null, CancellationToken.None)).Job;
        await using (var session = App.Store.LightweightSession())
        {
            // As if three nodes had died running it, each after saving that it started.
            session.Store(job with { State = ImportState.Checking, Runs = 3 });
            await session.SaveChangesAsync();
        }

        var ended = await Host.Services.GetRequiredService<ImportRunner>().RunAsync(job.Id, null, CancellationToken.None);

        Assert.Equal((ImportState.Failed, 0), (ended.State, ended.Recorded));
        Assert.NotNull(ended.Failure);
        Assert.Empty(await ActivitiesAsync());
    }

    [Fact]
    public async Task an_officer_cancels_their_running_import_and_no_other_user_can()
    {
        var job = await UploadAsync("many.csv", ManyFairs(100_000));
        await WaitForAsync(job.Id, j => j.State != ImportState.Queued);

        await App.ActAsAsync(TestUsers.SecondOfficer);
        await CancelAsync(job.Id, 404);
        await App.ActAsAsync(TestUsers.Manager);
        await CancelAsync(job.Id, 403);
        await App.ActAsAsync(TestUsers.Officer);
        await CancelAsync(job.Id, 202);
        var watch = Stopwatch.StartNew();
        var ended = await WaitForAsync(job.Id, j => j.IsFinished);

        Assert.True(watch.Elapsed < Quickly, $"took {watch.Elapsed}");
        Assert.Equal((ImportState.Cancelled, 0), (ended.State, ended.Recorded));
        Assert.Contains(TestUsers.Officer.Email, ended.Failure);
        Assert.Empty(await ActivitiesAsync());
        await CancelAsync(job.Id, 409);
    }

    [Fact]
    public async Task a_long_import_does_not_hold_up_another_users()
    {
        var slow = await UploadAsync("many.csv", ManyFairs(100_000));
        await App.ActAsAsync(TestUsers.SecondOfficer);
        var watch = Stopwatch.StartNew();

        var quick = await Host.ImportAsync("one.csv", CsvOf(Header, Fair("Q-1", "Feria rápida")));

        Assert.True(watch.Elapsed < Quickly, $"took {watch.Elapsed}");
        Assert.Equal((ImportState.Completed, 1), (quick.State, quick.Recorded));
        await App.ActAsAsync(TestUsers.Officer);
        Assert.False((await Host.GetAsJson<ImportJob>($"/api/imports/{slow.Id}"))!.IsFinished, "the long import ended before the short one");
        await CancelAsync(slow.Id, 202);
        await WaitForAsync(slow.Id, j => j.IsFinished);
    }

    [Fact]
    public async Task the_same_reference_from_two_officers_is_two_activities_and_an_id_outside_scope_reveals_nothing()
    {
        await Host.ImportAsync("a.csv", CsvOf(Header, Fair("P-1", "Feria de A")));
        await Host.ImportAsync("gt.csv", CsvOf(Header, Fair("", "Feria en Guatemala", country: "GT")));
        var recorded = (await ActivitiesAsync()).Single(a => a.Title == "Feria en Guatemala");
        var guatemala = recorded.Id;
        await App.ActAsAsync(TestUsers.SecondOfficer);

        var theirs = await Host.ImportAsync("b.csv", CsvOf(Header, Fair("P-1", "Feria de B")));
        await App.ActAsAsync(DemoUsers.OfficerMexico);
        // Mexico's officer has learnt the id of Guatemala's activity: importing it must neither say it exists nor touch it.
        var probe = CsvOf(Header, Fair(guatemala.ToString(), "Sondeo"));
        var first = await Host.ImportAsync("probe.csv", probe);
        var again = await Host.ImportAsync("probe.csv", probe);

        Assert.Equal((ImportState.Completed, 1, 0), (theirs.State, theirs.Recorded, theirs.AlreadyThere));
        Assert.Equal((ImportState.Completed, 1, 0), (first.State, first.Recorded, first.AlreadyThere));
        Assert.Equal((ImportState.Completed, 0, 1), (again.State, again.Recorded, again.AlreadyThere));
        var activities = await ActivitiesAsync();
        Assert.Equal(["Feria de A", "Feria de B", "Feria en Guatemala", "Sondeo"], activities.Select(a => a.Title));
        var untouched = activities.Single(a => a.Id == guatemala);
        Assert.Equal(("Feria en Guatemala", "GT", recorded.Version), (untouched.Title, untouched.Location.CountryCode, untouched.Version));
        Assert.Equal(DemoUsers.OfficerMexico.Email, activities.Single(a => a.Title == "Sondeo").RecordedBy);
    }

    [Fact]
    public async Task only_the_first_problems_are_kept_and_the_rest_are_counted()
    {
        // 300 rows with two unreadable cells each: 600 problems.
        var rows = Enumerable.Range(1, 300).Select(i => (string?[])[$"B-{i}", "job-fair", "es", $"Feria {i}", "MESO-CARIB", "16020", "MX", "someday", "many"]).ToArray();

        var job = await Host.ImportAsync("bad.csv", CsvOf(Header, rows));

        Assert.Equal((ImportState.Rejected, 300, 600, 400), (job.State, job.BadRows, job.ProblemCount, job.ProblemsNotKept));
        var page = (await Host.GetAsJson<ImportProblemPage>($"/api/imports/{job.Id}/problems?pageSize=100"))!;
        Assert.Equal((200L, 400L), (page.TotalItems, page.NotKept));
        Assert.Empty(await ActivitiesAsync());
    }

    [Fact]
    public async Task a_csv_with_100000_unknown_columns_is_refused_with_one_problem()
    {
        var header = string.Join(',', Header.Concat(Enumerable.Range(1, 100_000).Select(i => $"x{i}")));

        var job = await Host.ImportAsync("wide.csv", header + "\r\n" + string.Join(',', Fair("F-1")) + "\r\n");

        Assert.Equal((ImportState.Rejected, 1), (job.State, job.ProblemCount));
        Assert.Equal([(1, "")], await Host.ProblemsAsync(job));
        Assert.Empty(await ActivitiesAsync());
    }

    [Fact]
    public async Task a_workbook_cell_holding_a_formula_is_refused_not_imported_as_its_cached_value()
    {
        var workbook = Of(text =>
        {
            text.Write(Row(1, Header));
            text.Write(Row(2, Fair("F-1")).Replace(Text("D2", "Feria de empleo"),
                "<c r=\"D2\" t=\"str\"><f>CONCAT(\"Feria\",\" de empleo\")</f><v>Feria de empleo</v></c>"));
        });

        var job = await Host.ImportAsync("formula.xlsx", workbook);

        Assert.Equal(ImportState.Rejected, job.State);
        Assert.Equal([(2, C.Title)], await Host.ProblemsAsync(job));
        Assert.Empty(await ActivitiesAsync());
    }
}
