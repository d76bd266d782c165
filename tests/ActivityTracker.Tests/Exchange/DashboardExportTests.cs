using System.Globalization;
using ActivityTracker.Access;
using ActivityTracker.Dashboards;
using ActivityTracker.Exchange.Exports;
using ActivityTracker.Programmes;
using Alba;
using MiniExcelLibs;

namespace ActivityTracker.Tests.Exchange;

// GET /api/exports/dashboards/{dimension}.csv and .xlsx: the dashboard endpoint's own views, one figure per row.
public class DashboardExportTests(AppFixture app) : ExportTest(app)
{
    /// <summary>The figures of the JSON views in the sheet's layout, to compare with the sheet.</summary>
    static IReadOnlyList<(string Key, string Set, string Figure, string Category, decimal Value)> Expected(IEnumerable<DashboardView> views) =>
        [.. DashboardExports.Rows(views).Select(r => (r[1]!, r[7]!, r[8]!, r[9] ?? "", decimal.Parse(r[10]!, CultureInfo.InvariantCulture)))];

    static IReadOnlyList<(string Key, string Set, string Figure, string Category, decimal Value)> Sheet(List<string[]> records) =>
        [.. records.Skip(1).Select(r => (r[1], r[7], r[8], r[9], decimal.Parse(r[10], CultureInfo.InvariantCulture)))];

    [Fact]
    public async Task the_csv_holds_the_figures_the_json_dashboard_answers()
    {
        await App.WaitForProjectionsAsync();
        var views = (await Host.GetAsJson<DashboardView[]>("/api/dashboards/countries"))!;

        var records = await CsvAsync("/api/exports/dashboards/countries.csv");

        Assert.Equal(DashboardExports.Columns, records[0]);
        Assert.Equal(Expected(views), Sheet(records));
        Assert.Contains(("MX", "all_reported", "participants", "", 256m), Sheet(records));
        Assert.Contains(("MX", "all_reported", "outcome:jobfair-hired", "", 33m), Sheet(records));
    }

    [Fact]
    public async Task filters_scope_and_targets_are_the_dashboards_own()
    {
        await As(TestUsers.Admin, async () =>
        {
            var meso = (await Host.GetAsJson<ProgrammeDetails>("/api/programmes/MESO-CARIB"))!;
            return await Host.PostJsonAsync("/api/programmes/MESO-CARIB/targets", new { version = meso.Version, indicatorCode = "jobfair-hired", period = "2019", value = 100 }, 200);
        });
        await App.WaitForProjectionsAsync();
        var mexico = await As(DemoUsers.OfficerMexico, async () => (await Host.GetAsJson<DashboardView[]>("/api/dashboards/programmes?from=2019-01-01"))!);

        var records = await CsvAsync("/api/exports/dashboards/programmes.csv?from=2019-01-01", DemoUsers.OfficerMexico);

        Assert.Equal(Expected(mexico), Sheet(records));
        Assert.All(records.Skip(1), r => Assert.Equal("filtered", r[4]));
        Assert.Contains(("MESO-CARIB", "target", "target:jobfair-hired", "2019", 100m), Sheet(records));
        Assert.Contains(("MESO-CARIB", "all_reported", "target:jobfair-hired", "2019", 33m), Sheet(records));
    }

    [Fact]
    public async Task the_workbook_holds_the_csv_rows()
    {
        await App.WaitForProjectionsAsync();
        var csv = await CsvAsync("/api/exports/dashboards/kinds.csv");

        var download = await Download("/api/exports/dashboards/kinds.xlsx");
        using var workbook = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(workbook);
        workbook.Position = 0;
        var rows = workbook.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray()).ToList();

        Assert.Equal(csv, rows);
    }

    [Fact]
    public async Task an_unknown_dimension_is_404_and_bad_filters_400_as_on_the_dashboard()
    {
        await Download("/api/exports/dashboards/planets.csv", 404);
        var result = await Download("/api/exports/dashboards/countries.xlsx?country=XX&kind=picnic", 400);

        Assert.Equal(["country", "kind"], await result.ErrorFieldsAsync());
    }
}
