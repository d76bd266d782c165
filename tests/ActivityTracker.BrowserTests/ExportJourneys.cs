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
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Where(l => l.Length > 0).ToList();
        Assert.StartsWith("id,kind,language,title", lines[0]);
        Assert.Equal(2, lines.Count);
        Assert.Contains(BrowserFixture.TijuanaJobFairTitle, lines[1]);
    }
}
