using ActivityTracker.Access;
using ActivityTracker.BrowserTests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace ActivityTracker.BrowserTests;

/// <summary>Each main page: no serious or critical axe violations, and a screenshot in <c>screenshots/</c>.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PageChecks(BrowserFixture app)
{
    [Theory]
    [InlineData("sign-in")]
    [InlineData("dashboard")]
    [InlineData("activities")]
    [InlineData("activity")]
    [InlineData("countries")]
    [InlineData("country")]
    [InlineData("programmes")]
    [InlineData("programme")]
    public async Task each_main_page_passes_axe_and_is_captured(string name)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        if (name == "sign-in")
            await page.GotoAsync("account/login");
        else
            await BrowserFixture.SignInAsync(page, DemoUsers.Manager);
        if (name == "activities")
        {
            await page.GotoAsync("activities");
            await Expect(page.Locator("[data-testid=activity-table] tbody tr")).ToHaveCountAsync(10);
        }
        else if (name == "activity")
        {
            await page.GotoAsync($"activities/{BrowserFixture.TijuanaJobFair}");
            await Expect(page.Locator("[data-testid=timeline]")).ToBeVisibleAsync();
        }
        else if (name == "countries")
        {
            await page.GotoAsync("countries");
            await Expect(page.Locator("[data-testid=country-table]")).ToBeVisibleAsync();
        }
        else if (name == "country")
        {
            await page.GotoAsync("countries/MX");
            await Expect(page.Locator("[data-testid=hosted] [data-testid=slice-activities]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=taking-part] [data-testid=slice-activities]")).ToBeVisibleAsync();
        }
        else if (name == "programmes")
        {
            await page.GotoAsync("programmes");
            await Expect(page.Locator("[data-testid=programme-table]")).ToBeVisibleAsync();
        }
        else if (name == "programme")
        {
            await page.GotoAsync("programmes/MESO-CARIB");
            await Expect(page.Locator("[data-testid=slice-activities]")).ToBeVisibleAsync();
        }
        if (name != "sign-in")
            await BrowserFixture.WaitForInteractiveAsync(page);

        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}.png"), FullPage = true });

        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on {page.Url}:{Environment.NewLine}{string.Join(Environment.NewLine, serious.Select(Describe))}");
    }

    static string Describe(AxeResultItem violation) =>
        $"{violation.Impact} {violation.Id}: {violation.Help}{Environment.NewLine}" +
        string.Join(Environment.NewLine, violation.Nodes.Select(n =>
            $"    {n.Html}: {string.Join(" ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"));
}
