using System.Globalization;
using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Recording;
using ActivityTracker.BrowserTests.Infrastructure;
using ActivityTracker.Testing;
using Marten;
using Marten.Events;

namespace ActivityTracker.BrowserTests;

/// <summary>
/// A case file's duplicate mark, an outcome reported as a floor ("more than 1,500") and a rate and a percentage with their bases, on a phone (390 × 844) in Spanish:
/// what the user does works, what the page shows says it (on the case file, the list and Mexico's dashboard), and nothing is
/// wider than the screen; and a dashboard that changes live stays in the reader's language. They record activities, so they
/// share the corrections' app and database; screenshots go to <c>screenshots/phone/</c> (git-ignored).
/// </summary>
[Collection(CorrectionBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PhoneCaseFileJourneys(BrowserFixture app)
{
    const int Width = 390, Height = 844;

    internal static string Screenshot(string name)
    {
        var folder = Path.Combine(BrowserFixture.ScreenshotDirectory, "phone");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    [Fact]
    public async Task on_a_phone_a_manager_marks_a_training_reported_twice_as_a_duplicate_of_the_first_and_takes_the_mark_back()
    {
        // Two officers' reports of one training in Mexico: the second is the one to leave out.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var training = new RecordActivity("training", "es", $"Capacitación sobre trata para cónsules {tag}", ActualStart: new DateOnly(2026, 5, 22),
            ActualEnd: new DateOnly(2026, 5, 27), Location: new LocationInput("MX", null, "Tapachula", null, null), ProgrammeCode: "MESO-CARIB", SectorCode: "15190");
        var firstTitle = training.Title!;
        var first = await RecordAsync(training);
        var secondTitle = $"Capacitacion a consules sobre trata {tag}";
        var second = await RecordAsync(training with { Title = secondTitle, ActualStart = new DateOnly(2026, 5, 27) });

        await using var context = await app.NewContextAsync("es-ES");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(Width, Height);
        await BrowserFixture.SignInAsync(page, DemoUsers.Manager);
        var hostedBefore = await MexicoHostedActivitiesAsync(page);

        await page.GotoAsync($"activities/{second}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=likely-duplicates]")).ToContainTextAsync(firstTitle);
        var originalField = page.Locator("[data-testid=duplicate-of]");
        var mark = page.Locator("[data-testid=mark-duplicate]");
        await Expect(page.GetByText("Duplicado de (enlace o id de la actividad)")).ToBeVisibleAsync();
        await Expect(mark).ToHaveTextAsync("Marcar como duplicado");
        await originalField.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("case-file-mark-duplicate-form.png") });
        await AssertWithinScreenAsync(originalField, "the duplicate-of field");
        await AssertWithinScreenAsync(mark, "the mark-duplicate button");
        await AssertLayoutFitsAsync(page, "the case file with the duplicate-of field");

        // The original's link, as copied from the browser's address bar; without a reason nothing happens but a warning.
        await originalField.FillAsync($"{app.BaseAddress}activities/{first}");
        await mark.ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "El motivo es obligatorio." })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=marked-duplicate]")).ToHaveCountAsync(0);

        await page.Locator("[data-testid=action-text]").FillAsync("El mismo taller, reportado por la oficina de Tapachula");
        await mark.ClickAsync();

        var marked = page.Locator("[data-testid=marked-duplicate]");
        await Expect(marked).ToContainTextAsync("Marcada como duplicado de");
        await Expect(marked).ToContainTextAsync("El mismo taller, reportado por la oficina de Tapachula");
        var link = marked.GetByRole(AriaRole.Link, new() { Name = firstTitle });
        await Expect(link).ToHaveAttributeAsync("href", $"activities/{first}");
        // A marked activity no longer warns of likely duplicates, nor offers to mark it again.
        await Expect(page.Locator("[data-testid=likely-duplicates]")).ToHaveCountAsync(0);
        await Expect(originalField).ToHaveCountAsync(0);
        var unmark = page.Locator("[data-testid=remove-duplicate-mark]");
        await Expect(unmark).ToHaveTextAsync("No es un duplicado");
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("Marcada como duplicado");
        await page.ScreenshotAsync(new() { Path = Screenshot("case-file-marked-duplicate.png"), FullPage = true });
        await marked.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("case-file-marked-duplicate-alert.png") });
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= Width, "the marked case file scrolls sideways");
        await AssertWithinScreenAsync(marked, "the marked-duplicate alert");
        await AssertWithinScreenAsync(unmark, "the remove-duplicate-mark button");
        await AssertLayoutFitsAsync(page, "the marked case file");

        // Out of Mexico's figures, and said so in the list.
        Assert.Equal(hostedBefore - 1, await MexicoHostedActivitiesAsync(page));
        await page.GotoAsync("activities");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Buscar" }).FillAsync(tag);
        var rows = page.Locator("[data-testid=activity-table] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = secondTitle }).Locator("td[data-label=Estado]")).ToContainTextAsync(" · duplicado (no se cuenta)");
        await Expect(rows.Filter(new() { HasText = firstTitle }).Locator("td[data-label=Estado]")).Not.ToContainTextAsync("duplicado");
        await page.ScreenshotAsync(new() { Path = Screenshot("activity-list-duplicate.png"), FullPage = true });
        await AssertLayoutFitsAsync(page, "the list with a duplicate");

        // Taken back with a reason: the case file is as before, and the activity counts again.
        await page.GotoAsync($"activities/{second}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=action-text]").FillAsync("Eran dos talleres distintos");
        await unmark.ClickAsync();
        await Expect(marked).ToHaveCountAsync(0);
        await Expect(unmark).ToHaveCountAsync(0);
        await Expect(originalField).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=likely-duplicates]")).ToContainTextAsync(firstTitle);
        var removed = page.Locator("[data-testid=timeline] .mud-timeline-item").Filter(new() { HasText = "Eran dos talleres distintos" });
        await Expect(removed).ToContainTextAsync("Marca de duplicado retirada");
        await page.ScreenshotAsync(new() { Path = Screenshot("case-file-duplicate-mark-removed.png"), FullPage = true });
        Assert.Equal(hostedBefore, await MexicoHostedActivitiesAsync(page));
    }

    [Fact]
    public async Task on_a_phone_an_officer_reports_more_than_1500_hired_and_the_case_file_and_mexico_show_a_floor()
    {
        await using var context = await app.NewContextAsync("es-ES");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(Width, Height);
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerMexico);
        var hiredBefore = await MexicoHostedFigureAsync(page, "outcome-jobfair-hired");

        var title = $"Feria de empleo en Tapachula {Guid.NewGuid().ToString("N")[..6]}";
        await page.GotoAsync("activities/new");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Selects.ChooseAsync(page, "kind", "Feria de empleo");
        await page.Locator("[data-testid=title]").FillAsync(title);
        await Selects.ChooseAsync(page, "programme", new Regex("^MESO-CARIB"));
        await Selects.ChooseAsync(page, "sector", new Regex("^16020"));
        await Selects.ChooseAsync(page, "country", "México");

        var hired = page.Locator("[data-testid=outcome-jobfair-hired]");
        var atLeast = page.Locator("[data-testid=outcome-jobfair-hired-minimum]");
        // The box and its words, which must fit beside each other and on the screen.
        var atLeastLabel = page.Locator("label").Filter(new() { Has = atLeast });
        await hired.FillAsync("1500");
        await atLeast.CheckAsync();
        await Expect(atLeast).ToBeCheckedAsync();
        await Expect(atLeastLabel).ToHaveTextAsync("Al menos (\"más de 1.500\")");
        await hired.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("log-form-outcome-at-least.png") });
        await page.ScreenshotAsync(new() { Path = Screenshot("log-form-outcomes-full.png"), FullPage = true });
        await AssertWithinScreenAsync(hired, "the hired field");
        await AssertWithinScreenAsync(atLeastLabel, "the at-least box and its label");
        await AssertLayoutFitsAsync(page, "the log form with an at-least outcome");

        await page.Locator("[data-testid=submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=activity-title]")).ToHaveTextAsync(title);
        var cell = page.Locator("[data-testid=outcome-jobfair-hired]");
        await Expect(cell).ToHaveTextAsync("≥ 1.500");
        // "≥" and its figure are one: a line break between them reads as two things.
        var lines = await LinesAsync(cell);
        Assert.True(lines == 1, $"the case file's \"≥ 1.500\" breaks over {lines} lines at {Width} px");
        await cell.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("case-file-outcome-at-least.png") });
        await AssertWithinScreenAsync(cell, "the hired figure");
        await AssertLayoutFitsAsync(page, "the case file with an at-least outcome");
        var id = Guid.Parse(page.Url.Split('/').Last());
        await using (var session = app.Store.QuerySession())
        {
            var outcome = (await session.LoadAsync<ActivityDetails>(id))!.Outcomes.Single(o => o.IndicatorCode == "jobfair-hired");
            Assert.Equal((1500m, true), (outcome.Value, outcome.ValueIsMinimum));
        }

        // Mexico's hired adds the floor: the sum is a floor too. (Its digits only: the live dashboard's language is checked apart.)
        var hiredAfter = await MexicoHostedFigureAsync(page, "outcome-jobfair-hired");
        Assert.StartsWith("≥ ", hiredAfter);
        Assert.Equal(Digits(hiredBefore) + 1500, Digits(hiredAfter));
        await page.Locator("[data-testid=hosted] [data-testid=figures-all] [data-testid=outcome-jobfair-hired]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("country-MX-outcome-at-least.png") });
    }

    [Fact]
    public async Task on_a_phone_an_officer_reports_a_daily_average_and_a_fall_in_percent_with_their_bases()
    {
        await using var context = await app.NewContextAsync("es-ES");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(Width, Height);
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerMexico);

        var title = $"Monitoreo de flujos en Tapachula {Guid.NewGuid().ToString("N")[..6]}";
        await page.GotoAsync("activities/new");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Selects.ChooseAsync(page, "kind", "Encuesta o entrevistas");
        await page.Locator("[data-testid=title]").FillAsync(title);
        await Selects.ChooseAsync(page, "programme", new Regex("^MESO-CARIB"));
        await Selects.ChooseAsync(page, "sector", new Regex("^15190"));
        await Selects.ChooseAsync(page, "country", "México");

        // "An average of 120 arrivals a day over the 184 days surveyed; 12 % fewer than the 900 of the year before."
        await page.Locator("[data-testid=outcome-daily-arrivals]").FillAsync("120");
        var days = page.Locator("[data-testid=outcome-daily-arrivals-base]");
        await days.FillAsync("184");
        await page.Locator("[data-testid=outcome-arrivals-change]").FillAsync("-12");
        await page.Locator("[data-testid=outcome-arrivals-change-base]").FillAsync("900");
        await days.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("log-form-rate-and-percentage.png") });
        await AssertWithinScreenAsync(days, "the days field of the average");
        await AssertLayoutFitsAsync(page, "the log form with a rate and a percentage");

        await page.Locator("[data-testid=submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=activity-title]")).ToHaveTextAsync(title);
        await Expect(page.Locator("[data-testid=outcome-daily-arrivals]")).ToHaveTextAsync("120 / day sobre 184");
        var change = page.Locator("[data-testid=outcome-arrivals-change]");
        await Expect(change).ToHaveTextAsync("-12 % de 900 (arrivals the year before)");
        await change.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("case-file-rate-and-percentage.png") });
        await AssertWithinScreenAsync(change, "the percentage and its base");
        // The indicator's name beside it keeps its room: a long value wraps under its figure instead of pushing the name away.
        await AssertWithinScreenAsync(page.Locator("th").Filter(new() { HasText = "Variación de las llegadas respecto al año anterior" }), "the percentage's name");
        await AssertLayoutFitsAsync(page, "the case file with a rate and a percentage");
        var id = Guid.Parse(page.Url.Split('/').Last());
        await using var session = app.Store.QuerySession();
        var outcomes = (await session.LoadAsync<ActivityDetails>(id))!.Outcomes.ToDictionary(o => o.IndicatorCode);
        Assert.Equal((120m, (decimal?)184m, -12m, (decimal?)900m),
            (outcomes["daily-arrivals"].Value, outcomes["daily-arrivals"].Base, outcomes["arrivals-change"].Value, outcomes["arrivals-change"].Base));
    }

    [Fact]
    public async Task on_a_phone_an_officer_reports_45_of_80_participants_from_the_migration_institute()
    {
        await using var context = await app.NewContextAsync("es-ES");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(Width, Height);
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerMexico);

        var title = $"Capacitación a personal del INM en Tapachula {Guid.NewGuid().ToString("N")[..6]}";
        await page.GotoAsync("activities/new");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Selects.ChooseAsync(page, "kind", "Capacitación");
        await page.Locator("[data-testid=title]").FillAsync(title);
        await Selects.ChooseAsync(page, "programme", new Regex("^MESO-CARIB"));
        await Selects.ChooseAsync(page, "sector", new Regex("^15190"));
        await Selects.ChooseAsync(page, "country", "México");
        await page.Locator("[data-testid=participants]").FillAsync("80");

        // "45 of the 80 came from the migration institute": a part of the whole; the other 35 are not stated.
        await page.Locator("[data-testid=participant-parts-add]").ClickAsync();
        await Selects.ChooseAsync(page, "participant-parts-category-0", new Regex("^Instituto Nacional de Migración"));
        var value = page.Locator("[data-testid=participant-parts-value-0]");
        await value.FillAsync("45");
        await value.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("log-form-participant-parts.png") });
        await AssertWithinScreenAsync(value, "the part's value");
        await AssertLayoutFitsAsync(page, "the log form with a part of the participants");

        await page.Locator("[data-testid=submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=activity-title]")).ToHaveTextAsync(title);
        var parts = page.Locator("[data-testid=parts-participants-institution]");
        await Expect(parts).ToHaveTextAsync("Institución: INM 45 · no indicado 35");
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await parts.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("case-file-participant-parts.png") });
        await AssertWithinScreenAsync(parts, "the parts line");
        await AssertLayoutFitsAsync(page, "the case file with a part of the participants");

        // Mexico's dashboard says the same of all its activities, and fits.
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        await page.GotoAsync("countries/MX");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var mexico = page.Locator("[data-testid=hosted] [data-testid=figures-all] [data-testid=parts-all-participants-institution]");
        await Expect(mexico).ToContainTextAsync("INM 45");
        await mexico.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("country-MX-participant-parts.png") });
        await AssertWithinScreenAsync(mexico, "Mexico's parts line");
        // The figures' names keep their room beside a parts line (it pushed "Participantes" off the screen's left edge).
        await AssertWithinScreenAsync(page.Locator("[data-testid=hosted] [data-testid=figures-all] th").Filter(new() { HasText = "Participantes" }), "the participants' name");
        await AssertLayoutFitsAsync(page, "Mexico's dashboard with parts");
    }

    [Fact]
    public async Task on_a_phone_a_spanish_dashboard_that_updates_live_stays_in_spanish()
    {
        await using var context = await app.NewContextAsync("es-ES");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(Width, Height);
        await BrowserFixture.SignInAsync(page, DemoUsers.Manager);
        var before = await MexicoHostedActivitiesAsync(page);
        var hosted = page.Locator("[data-testid=hosted]");
        await Expect(hosted.Locator("h2").First).ToHaveTextAsync("Como anfitrión");

        // A training in Mexico recorded meanwhile: the open page counts it without a reload, and in the reader's language.
        await RecordAsync(new RecordActivity("training", "es", $"Taller sobre trata en Tapachula {Guid.NewGuid().ToString("N")[..6]}",
            Location: new LocationInput("MX", null, "Tapachula", null, null), ProgrammeCode: "MESO-CARIB", SectorCode: "15190"));
        await Expect(hosted.Locator("[data-testid=figures-all] [data-testid=activities]")).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        await page.ScreenshotAsync(new() { Path = Screenshot("country-MX-after-live-update.png") });
        await Expect(hosted.Locator("h2").First).ToHaveTextAsync("Como anfitrión");
        await Expect(hosted.Locator("[data-testid=figures-all] th").First).ToHaveTextAsync("Actividades");
    }

    /// <summary>How many activities Mexico's dashboard counts as hosted, once the dashboards have caught up.</summary>
    async Task<int> MexicoHostedActivitiesAsync(IPage page) => Digits(await MexicoHostedFigureAsync(page, "activities"));

    /// <summary>The text of one of Mexico's hosted figures (the value cell of an outcome's row), once the dashboards have caught up.</summary>
    async Task<string> MexicoHostedFigureAsync(IPage page, string figure)
    {
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        await page.GotoAsync("countries/MX");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var shown = page.Locator($"[data-testid=hosted] [data-testid=figures-all] [data-testid={figure}]");
        if (figure.StartsWith("outcome-", StringComparison.Ordinal))
            shown = shown.Locator("td").Nth(1);
        await Expect(shown).ToHaveTextAsync(new Regex(@"\d"));
        return (await shown.TextContentAsync())!.Trim();
    }

    /// <summary>On how many lines an element's text is laid out.</summary>
    static Task<int> LinesAsync(ILocator element) => element.EvaluateAsync<int>("""
        el => {
            const range = document.createRange();
            range.selectNodeContents(el);
            return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
        }
        """);

    /// <summary>A whole figure as shown in either language ("1.533", "1,533", "≥ 1.533"), by its digits.</summary>
    static int Digits(string text) => int.Parse(Regex.Replace(text, @"\D", ""), CultureInfo.InvariantCulture);

    internal static async Task AssertWithinScreenAsync(ILocator element, string what)
    {
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= Width, $"{what} spans {box.X}..{box.X + box.Width} on a {Width} px screen");
    }

    /// <summary>The phone dashboards' check (<see cref="PhoneJourneys.LayoutScript"/>): nothing sticks out, is cut off or scrolls the page sideways.</summary>
    internal static async Task AssertLayoutFitsAsync(IPage page, string what)
    {
        var layout = await page.EvaluateAsync<PhoneJourneys.Layout>(PhoneJourneys.LayoutScript);
        Assert.True(layout.Problems.Length == 0, $"{what} at {Width}×{Height}:{Environment.NewLine}{string.Join(Environment.NewLine, layout.Problems)}");
    }

    // Recorded as the API records (the same rules), straight into the app's store, as RecordingAndCorrectingJourneys does.
    async Task<Guid> RecordAsync(RecordActivity command)
    {
        var id = Guid.CreateVersion7();
        await using var session = app.Store.LightweightSession();
        var decision = command.Decide(id, await command.LoadCatalogAsync(session, CodeLists.Shipped, default), DateOnly.FromDateTime(DateTime.UtcNow));
        session.Events.StartStream<ActivityDetails>(id, [.. ((ActivityTracker.Decisions.Decision.Accepted)decision).Events]);
        await session.SaveChangesAsync();
        return id;
    }
}
