using ActivityTracker.Access;
using ActivityTracker.BrowserTests.Infrastructure;

namespace ActivityTracker.BrowserTests;

/// <summary>Downloads from the UI: the export links carry the page's filters and the sign-in cookie.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ExportJourneys(BrowserFixture app)
{
    [Fact]
    public async Task the_activity_list_downloads_the_activities_it_finds_as_csv()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Manager);
        await page.GotoAsync("activities");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByPlaceholder("Search").FillAsync("Tijuana");
        await Expect(page.Locator("[data-testid=export-csv]")).ToHaveAttributeAsync("href", "api/exports/activities.csv?search=Tijuana");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-csv]").ClickAsync());

        Assert.Equal("activities.csv", download.SuggestedFilename);
        // Records, not lines: a cell may hold line breaks (an activity's notes, a line each).
        using var parser = new CsvHelper.CsvParser(new StringReader((await File.ReadAllTextAsync((await download.PathAsync())!)).TrimStart('\uFEFF')),
            System.Globalization.CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (await parser.ReadAsync())
            records.Add(parser.Record!);
        Assert.Equal(["id", "kind", "language", "title"], records[0][..4]);
        Assert.Equal(2, records.Count);
        Assert.Equal(BrowserFixture.TijuanaJobFairTitle, records[1][3]);
    }
}
