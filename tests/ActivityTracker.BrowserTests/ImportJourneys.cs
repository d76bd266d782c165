using System.Text;
using ActivityTracker.Access;
using ActivityTracker.BrowserTests.Infrastructure;
using Deque.AxeCore.Playwright;

namespace ActivityTracker.BrowserTests;

/// <summary>Imports add activities, so they get an app and a database of their own.</summary>
[CollectionDefinition(Name)]
public sealed class ImportBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser-import";
}

[Collection(ImportBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ImportJourneys(BrowserFixture app)
{
    const string Header = "id,kind,language,title,programme,sector,country,actual_start,participants_total";

    static FilePayload Csv(params string[] rows) => new()
    {
        Name = "ferias.csv",
        MimeType = "text/csv",
        Buffer = Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n"),
    };

    [Fact]
    public async Task an_officer_sees_every_bad_cell_then_records_the_good_rows_and_finds_them_in_the_list()
    {
        await using var context = await app.NewContextAsync("es-ES");
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerMexico);
        await page.Locator("nav a[href=imports]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Importar actividades");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await BrowserFixture.WaitForFileInputAsync(page);
        var file = Csv("T-1,job-fair,es,Feria de empleo en Tapachula,MESO-CARIB,16020,MX,2024-05-10,40",
                       "T-2,job-fair,es,Feria en Ciudad de Guatemala,MESO-CARIB,16020,GT,2024-05-11,30",
                       "T-3,job-fair,es,Feria en Tijuana,MESO-CARIB,16020,MX,2024-05-12,abc");

        await page.Locator("input[type=file]").Last.SetInputFilesAsync(file);

        // The job runs in the background queue: with every suite running at once on two cores it may take longer than 15 s.
        await Expect(page.Locator("[data-testid=import-state]")).ToHaveTextAsync("No importado: el archivo tiene errores", new() { Timeout = 60_000 });
        var problems = page.Locator("[data-testid=import-problems] tbody tr");
        await Expect(problems).ToHaveCountAsync(2);
        await Expect(problems.First).ToContainTextAsync("fuera de su ámbito");
        await Expect(problems.Nth(1)).ToContainTextAsync("participants_total");
        await Screenshot(page, "imports-problems");
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id + ": " + string.Join(" / ", v.Nodes.Select(n => n.Html))));

        await page.GetByLabel("Registrar las filas correctas aunque algunas tengan errores").CheckAsync();
        await page.Locator("input[type=file]").Last.SetInputFilesAsync(file);

        await Expect(page.Locator("[data-testid=import-state]")).ToHaveTextAsync("Terminada", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=import-counts]")).ToContainTextAsync("1 actividades registradas");
        await page.GotoAsync("activities");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Feria de empleo en Tapachula" })).ToBeVisibleAsync();
    }

    static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}.png"), FullPage = true });
    }
}
