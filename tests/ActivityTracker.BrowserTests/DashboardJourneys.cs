using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.BrowserTests.Infrastructure;

namespace ActivityTracker.BrowserTests;

/// <summary>The region map, a country's dashboard and a programme's, on the seeded activities.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class DashboardJourneys(BrowserFixture app)
{
    static ILocator AllReported(IPage page, string figure) => page.Locator($"[data-testid=figures-all] [data-testid={figure}]");

    /// <summary>A figure of what a country's page shows it hosted (its "Taking part" section has the same figures).</summary>
    static ILocator Hosted(IPage page, string figure) => page.Locator($"[data-testid=hosted] [data-testid=figures-all] [data-testid={figure}]");

    static ILocator TakingPart(IPage page, string figure) => page.Locator($"[data-testid=taking-part] [data-testid=figures-all] [data-testid={figure}]");

    [Theory]
    [InlineData("en-US", "Mexico — Activities: 3", "Mexico")]
    [InlineData("es-ES", "México — Actividades: 3", "México")]
    public async Task the_dashboard_map_shows_mexico_and_clicking_it_opens_the_country_dashboard(string locale, string title, string heading)
    {
        await using var context = await app.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Manager);

        var mexico = page.Locator("svg.region-map a[data-country=MX]");
        await Expect(mexico.Locator("title")).ToHaveTextAsync(title);
        await mexico.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/countries/MX$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await Expect(Hosted(page, "activities")).ToHaveTextAsync("3");
        await Expect(Hosted(page, "participants")).ToHaveTextAsync("256");
        // The Tijuana job fair's 33 hires, added up by the indicator's rule.
        await Expect(Hosted(page, "outcome-jobfair-hired").Locator("td").Nth(1)).ToHaveTextAsync("33");
        await Expect(page.Locator("[data-testid=hosted] [data-testid=slice-activities] tbody tr")).ToHaveCountAsync(3);
        // Mexico also took part in the Guatemala City congress and the regional assisted returns.
        await Expect(TakingPart(page, "activities")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-testid=trend]")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = BrowserFixture.TijuanaJobFairTitle }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/activities/{BrowserFixture.TijuanaJobFair}$"));
    }

    [Fact]
    public async Task a_country_of_the_map_opens_with_the_keyboard()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Manager);
        await page.GotoAsync("countries");
        await BrowserFixture.WaitForInteractiveAsync(page);

        // Barbados has no activities and is too small to click but for its marker; it is a link all the same.
        var barbados = page.Locator("svg.region-map a[data-country=BB]");
        await Expect(barbados.Locator("circle.marker")).ToBeVisibleAsync();
        await barbados.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/countries/BB$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Barbados");
        await Expect(page.GetByText("Barbados hosted no activities within your programmes and countries yet.")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=taking-part-empty]")).ToHaveTextAsync("Barbados has taken part in no activity hosted elsewhere within your programmes and countries yet.");
    }

    [Fact]
    public async Task an_officer_for_mexico_sees_a_country_dashboard_filtered_by_scope_and_says_so()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerMexico);

        // Guatemala hosted the regional congress that Mexico took part in: in the officer's scope.
        await page.GotoAsync("countries/gt");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Guatemala");
        await Expect(page.GetByText("These figures cover your programmes and countries only.")).ToBeVisibleAsync();
        await Expect(Hosted(page, "activities")).ToHaveTextAsync("1");
        await Expect(Hosted(page, "outcome-countries-represented").Locator("td").Nth(1)).ToHaveTextAsync("9");
    }

    [Theory]
    [InlineData("en-US", "Taking part", "Honduras hosted no activities within your programmes and countries yet.")]
    [InlineData("es-ES", "Como participante", "Honduras todavía no ha sido anfitrión de ninguna actividad dentro de sus programas y países.")]
    public async Task on_a_phone_honduras_shows_the_congress_it_took_part_in_apart_from_what_it_hosted(string locale, string heading, string hostedNothing)
    {
        await using var context = await app.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.SignInAsync(page, DemoUsers.Manager);

        // Honduras hosted nothing: the countries list has it all the same, for the congress in Guatemala City.
        await page.GotoAsync("countries");
        await Expect(page.Locator("[data-testid=country-table] tr[data-country=HN] [data-testid=taking-part]")).ToHaveTextAsync("1");
        await page.GotoAsync("countries/HN");

        await Expect(page.Locator("[data-testid=hosted-empty]")).ToHaveTextAsync(hostedNothing);
        await Expect(page.Locator("#taking-part-heading")).ToHaveTextAsync(heading);
        await Expect(TakingPart(page, "activities")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-testid=taking-part] [data-testid=slice-activities] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=taking-part] [data-testid=export-csv]")).ToHaveAttributeAsync("href", "api/exports/activities.csv?country=HN&role=taking-part");
        // Nothing wider than the phone: the tables scroll inside their own box, the page does not.
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
    }

    [Fact]
    public async Task the_programme_page_shows_meso_carib_with_its_figures_and_targets()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Manager);

        await page.Locator("nav a[href=programmes]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Programmes");
        await Expect(page.Locator("[data-testid=programme-table] tbody tr")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^MESO-CARIB") }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/programmes/MESO-CARIB$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("MESO-CARIB · Regional Migration Program: Mesoamerica – The Caribbean");
        // Every seeded activity but the assisted returns of the caravans programme: 1,501 - 1,195 participants.
        await Expect(AllReported(page, "activities")).ToHaveTextAsync("9");
        await Expect(AllReported(page, "participants")).ToHaveTextAsync("≥ 306");
        await Expect(page.Locator("[data-testid=programme-countries] a")).ToHaveCountAsync(22);
        // The seeds set no targets.
        await Expect(page.Locator("[data-testid=targets-empty]")).ToHaveTextAsync("No targets have been set for this programme.");
        await Expect(page.Locator("[data-testid=slice-activities] tbody tr")).ToHaveCountAsync(9);
    }

    [Theory]
    [InlineData("en-US", "Job fair", "No activities match these filters.")]
    [InlineData("es-ES", "Feria de empleo", "Ninguna actividad coincide con estos filtros.")]
    public async Task the_figures_explorer_filters_by_country_and_kind_and_keeps_the_filters_in_the_address(string locale, string jobFair, string noMatch)
    {
        await using var context = await app.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Manager);

        // Mexico's three activities, by kind: the address is the view.
        await page.GotoAsync("figures?dimension=kind&country=MX");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var rows = page.Locator("[data-testid=figures-table] tbody tr");
        await Expect(rows.Filter(new() { HasText = jobFair })).ToHaveCountAsync(1);
        Assert.Equal(3, (await rows.Locator("td:nth-child(2)").AllTextContentsAsync()).Sum(t => int.Parse(t.Trim())));

        await Selects.ChooseAsync(page, "filter-kind", jobFair);
        await Expect(page).ToHaveURLAsync(new Regex("kind=job-fair"));
        await Expect(rows).ToHaveCountAsync(1);

        // Barbados hosted nothing.
        await page.GotoAsync("figures?country=BB&kind=job-fair");
        await Expect(page.Locator("[data-testid=figures-empty]")).ToHaveTextAsync(noMatch);
    }
}
