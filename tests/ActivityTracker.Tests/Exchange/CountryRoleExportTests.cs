using System.Globalization;
using ActivityTracker.Exchange.Exports;
using Spectre.Console;

namespace ActivityTracker.Tests.Exchange;

/// <summary>
/// Exports follow the dashboards' <c>role</c>: over the demo data, Honduras hosted nothing and took part in the Guatemala
/// City congress; Mexico hosted three activities and took part in the congress and in the regional assisted returns.
/// </summary>
public class CountryRoleExportTests(AppFixture app) : ExportTest(app)
{
    const string Congress = "IOM organizes Regional Congress on Human Trafficking and Organ Trafficking in Central America";
    const string Returns = "Over a thousand migrants have returned voluntarily with assistance from IOM in Central America";

    async Task<string[]> TitlesAsync(string query)
    {
        var records = await CsvAsync($"/api/exports/activities.csv?{query}");
        var title = Array.IndexOf(records[0], "title");
        return [.. records.Skip(1).Select(r => r[title]).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task an_activity_export_holds_the_activities_of_the_country_in_its_role()
    {
        Assert.Empty(await TitlesAsync("country=HN"));
        Assert.Equal([Congress], await TitlesAsync("country=HN&role=taking-part"));
        Assert.Equal([Congress], await TitlesAsync("country=hn&role=any"));
        Assert.Equal(3, (await TitlesAsync("country=MX&role=host")).Length);
        Assert.Equal([Congress, Returns], await TitlesAsync("country=MX&role=taking-part"));
        var either = await TitlesAsync("country=MX&role=any");
        Assert.Equal(5, either.Length);
        Assert.Equal(either.Length, either.Distinct().Count());
    }

    [Fact]
    public async Task a_dashboard_sheet_by_country_says_the_role_of_its_rows()
    {
        await App.WaitForProjectionsAsync();
        var records = await CsvAsync("/api/exports/dashboards/countries.csv?role=taking-part");
        var (key, role, set, figure, value) = (Array.IndexOf(records[0], "key"), Array.IndexOf(records[0], "role"), Array.IndexOf(records[0], "set"),
            Array.IndexOf(records[0], "figure"), Array.IndexOf(records[0], "value"));
        decimal Activities(List<string[]> rows, string country) => decimal.Parse(
            rows.Single(r => r[key] == country && r[set] == "all_reported" && r[figure] == "activities")[value], CultureInfo.InvariantCulture);

        Assert.True(role >= 0);
        Assert.All(records.Skip(1), r => Assert.Equal("taking-part", r[role]));
        Assert.Equal(1m, Activities(records, "HN"));
        Assert.Equal(2m, Activities(records, "MX"));
        var hosted = await CsvAsync("/api/exports/dashboards/countries.csv");
        Assert.All(hosted.Skip(1), r => Assert.Equal("host", r[role]));
        Assert.DoesNotContain(hosted, r => r[key] == "HN");
        Assert.Equal(3m, Activities(hosted, "MX"));
        // Where no country is involved there is no role to say.
        Assert.All((await CsvAsync("/api/exports/dashboards/kinds.csv")).Skip(1), r => Assert.Equal("", r[role]));
        Assert.All((await CsvAsync("/api/exports/dashboards/kinds.csv?country=HN&role=any")).Skip(1), r => Assert.Equal("any", r[role]));
    }

    [Fact]
    public async Task an_unknown_role_is_400_naming_role_for_every_export()
    {
        foreach (var url in new[] { "/api/exports/activities.csv?country=HN&role=guest", "/api/exports/iati.xml?role=guest", "/api/exports/dashboards/countries.xlsx?role=guest" })
            Assert.Equal(["role"], await (await Download(url, 400)).ErrorFieldsAsync());
    }

    [Fact]
    public async Task the_command_line_takes_the_role_and_names_a_bad_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid()}.csv");
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        try
        {
            Assert.False(await ExportCommand.RunAsync(Host.Services, ExportFormat.Csv, path, ExportFilter.None with { Country = "HN", Role = "guest" }, console, CancellationToken.None));
            Assert.Contains("--role", output.ToString());
            Assert.False(File.Exists(path));

            Assert.True(await ExportCommand.RunAsync(Host.Services, ExportFormat.Csv, path, ExportFilter.None with { Country = "HN", Role = "taking-part" }, console, CancellationToken.None));
            var records = Records(await File.ReadAllTextAsync(path));
            Assert.Equal(Congress, Assert.Single(records.Skip(1))[Array.IndexOf(records[0], "title")]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
