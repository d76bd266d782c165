using ActivityTracker.Access;
using ActivityTracker.Exchange;
using Alba;
using MiniExcelLibs;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Exchange;

// GET /api/exports/activities.csv and .xlsx: the activity row layout the importer reads, within scope and filters.
public class SpreadsheetExportTests(AppFixture app) : ExportTest(app)
{
    static string Cell(List<string[]> records, string[] row, string column) => row[Array.IndexOf(records[0], column)];

    [Fact]
    public async Task an_unknown_export_is_not_found_and_names_the_ones_there_are()
    {
        var result = await Download("/api/exports/activities.pdf", 404);

        Assert.Contains("iati.xml", (await result.ReadAsTextAsync()));
    }

    [Fact]
    public async Task the_csv_has_the_exported_columns_and_one_row_per_activity_newest_first()
    {
        var records = await CsvAsync("/api/exports/activities.csv");

        Assert.Equal(C.Exported, records[0]);
        Assert.Equal(11, records.Count);
        var fair = records.Single(r => r[0] == Tijuana.ToString());
        Assert.Equal(("job-fair", "MX", "256", "iom=implementing; tijuana-mx=implementing".Length),
            (Cell(records, fair, C.Kind), Cell(records, fair, C.Country), Cell(records, fair, C.ParticipantsTotal), Cell(records, fair, C.Partners).Length));
        // The order is the indexed column's, which PostgreSQL keeps to the microsecond (the seeds are recorded within a
        // few, and its rounding of a half differs from .NET's): newest first to within that microsecond, ties by id.
        var recorded = records.Skip(1).Select(r => DateTimeOffset.Parse(Cell(records, r, "recorded_at")).Ticks).ToList();
        Assert.All(recorded.Zip(recorded.Skip(1)), pair => Assert.True(pair.First >= pair.Second - 10, $"{pair.First} before {pair.Second}"));
    }

    [Fact]
    public async Task a_cell_that_starts_like_a_formula_is_neutralised_and_reads_back_as_typed()
    {
        var (id, _) = await As(TestUsers.Officer, () => Host.RecordAsync(TijuanaJobFair() with { Title = "=HYPERLINK(\"http://evil\")", Description = "@SUM(1)" }));

        var records = await CsvAsync("/api/exports/activities.csv");

        var row = records.Single(r => r[0] == id.ToString());
        Assert.Equal(("'=HYPERLINK(\"http://evil\")", "'@SUM(1)"), (Cell(records, row, C.Title), Cell(records, row, C.Description)));
        var reading = ActivityRow.Read(column => Cell(records, row, column) is { Length: > 0 } text ? text : null, TestUsers.Manager.Email);
        Assert.True(reading.Errors.IsEmpty);
        Assert.Equal("=HYPERLINK(\"http://evil\")", reading.Command!.Title);
    }

    [Fact]
    public async Task mexicos_officer_exports_only_what_their_scope_covers()
    {
        var records = await CsvAsync("/api/exports/activities.csv", DemoUsers.OfficerMexico);

        Assert.Equal(5, records.Count - 1);
        Assert.All(records.Skip(1), r => Assert.True(Cell(records, r, C.Country) == "MX" || Cell(records, r, C.ParticipatingCountries).Contains("MX"),
            $"{Cell(records, r, C.Title)} is outside Mexico"));
    }

    [Theory]
    [InlineData("/api/exports/activities.csv")]
    [InlineData("/api/exports/3w-hxl.csv")]
    public async Task a_text_cell_holding_a_semicolon_is_quoted_so_excel_in_spanish_does_not_split_it_into_a_formula(string url)
    {
        await As(TestUsers.Officer, () => Host.RecordAsync(TijuanaJobFair() with { Title = "Taller;=1+1" }));

        var csv = await As(User, async () => await (await Download(url)).ReadAsTextAsync());

        // Unquoted, a reader splitting at ';' sees "=1+1" as a cell of its own.
        Assert.Contains("\"Taller;=1+1\"", csv);
        Assert.Contains(Records(csv).Skip(1), r => r.Contains("Taller;=1+1"));
    }

    [Theory]
    [InlineData("?country=CR", 2)]
    [InlineData("?programme=avr-caravans", 1)]
    [InlineData("?kind=job-fair&from=2019-02-01&to=2019-02-28", 1)]
    [InlineData("?from=2019-03-01", 2)]
    [InlineData("?status=finalisation", 3)]
    [InlineData("?status=1", 7)]
    [InlineData("?search=TIJUANA", 1)]
    public async Task filters_select_the_activities(string query, int expected)
    {
        var records = await CsvAsync($"/api/exports/activities.csv{query}");

        Assert.Equal(expected, records.Count - 1);
    }

    [Fact]
    public async Task a_date_range_selects_every_activity_whose_days_overlap_it()
    {
        var survey = TijuanaJobFair() with { Kind = "survey", Title = "Flow monitoring survey, March to August", ActualStart = new(2019, 3, 1), ActualEnd = new(2019, 8, 31), Outcomes = null };
        var campaign = TijuanaJobFair() with { Kind = "campaign", Title = "Information campaign, under way", ActualStart = new(2019, 1, 15), ActualEnd = null, Outcomes = null };
        var planned = PlannedMeeting() with { Title = "Planned for June", PlannedStart = new(2019, 6, 3), PlannedEnd = new(2019, 6, 7) };
        foreach (var activity in new[] { survey, campaign, planned })
            await As(TestUsers.Officer, () => Host.RecordAsync(activity));

        string[] Titles(List<string[]> records) => [.. records.Skip(1).Select(r => r[3]).Where(t => t is "Flow monitoring survey, March to August" or "Information campaign, under way" or "Planned for June").Order()];

        Assert.Equal(["Flow monitoring survey, March to August", "Information campaign, under way"], Titles(await CsvAsync("/api/exports/activities.csv?from=2019-05-01&to=2019-05-31")));
        Assert.Equal(["Flow monitoring survey, March to August", "Information campaign, under way", "Planned for June"], Titles(await CsvAsync("/api/exports/activities.csv?from=2019-06-05&to=2019-06-05")));
        Assert.Equal(["Information campaign, under way"], Titles(await CsvAsync("/api/exports/activities.csv?from=2020-01-01")));
        Assert.Empty(Titles(await CsvAsync("/api/exports/activities.csv?to=2019-01-14")));
    }

    [Fact]
    public async Task bad_filters_get_a_400_naming_each_field()
    {
        var result = await Download("/api/exports/activities.csv?country=XX&kind=picnic&programme=NOPE&status=paused&from=2019-05-01&to=2019-01-01", 400);
        Assert.Equal(["country", "kind", "programme", "status", "to"], await result.ErrorFieldsAsync());

        var xlsx = await Download($"/api/exports/activities.xlsx?search={new string('a', 201)}", 400);
        Assert.Equal(["search"], await xlsx.ErrorFieldsAsync());

        // An unreadable date is refused before the endpoint runs (RejectUnparseableQueryValues), naming the parameter.
        var unreadable = await Download("/api/exports/3w-hxl.csv?from=yesterday", 400);
        Assert.Contains("from", await unreadable.ReadAsTextAsync());
    }

    [Theory]
    [InlineData("/api/exports/activities.csv")]
    [InlineData("/api/exports/activities.xlsx")]
    [InlineData("/api/exports/3w-hxl.csv")]
    [InlineData("/api/exports/iati.xml")]
    [InlineData("/api/exports/dashboards/countries.csv")]
    public async Task an_anonymous_request_gets_401(string url)
    {
        await As<IScenarioResult>(null, () => Download(url, 401));
    }

    [Fact]
    public async Task the_workbook_holds_the_same_rows_as_the_csv()
    {
        await As(TestUsers.Officer, () => Host.RecordAsync(TijuanaJobFair() with { Title = "-minus; \"quoted\", with comma" }));
        var csv = await CsvAsync("/api/exports/activities.csv");

        var download = await Download("/api/exports/activities.xlsx");
        Assert.StartsWith("attachment; filename=activities.xlsx", download.Context.Response.Headers.ContentDisposition.ToString());
        using var workbook = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(workbook);
        workbook.Position = 0;
        var rows = workbook.Query(useHeaderRow: false, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray())
            .ToList();

        Assert.Equal(csv.Count, rows.Count);
        foreach (var (fromCsv, fromXlsx) in csv.Zip(rows))
            Assert.Equal(fromCsv, fromXlsx);
    }
}
