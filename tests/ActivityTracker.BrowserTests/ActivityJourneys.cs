using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Recording;
using ActivityTracker.BrowserTests.Infrastructure;
using ActivityTracker.Testing;
using Marten;

namespace ActivityTracker.BrowserTests;

/// <summary>What a user does in the browser today: sign in, read the dashboard and the activities, switch language.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ActivityJourneys(BrowserFixture app)
{
    static ILocator Rows(IPage page) => page.Locator("[data-testid=activity-table] tbody tr");

    [Theory]
    [InlineData("en-US", "Activities", "Recorded")]
    [InlineData("es-ES", "Actividades", "Registrada")]
    public async Task a_manager_signs_in_sees_the_seeded_activities_and_opens_one(string locale, string heading, string recorded)
    {
        await using var context = await app.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Manager);

        await page.Locator("nav a[href=activities]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await Expect(Rows(page)).ToHaveCountAsync(10);

        await page.GetByRole(AriaRole.Link, new() { Name = BrowserFixture.TijuanaJobFairTitle }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/activities/{BrowserFixture.TijuanaJobFair}$"));
        await Expect(page.Locator("[data-testid=activity-title]")).ToHaveTextAsync(BrowserFixture.TijuanaJobFairTitle);
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync(recorded);
    }

    [Fact]
    public async Task the_chosen_language_changes_the_texts_and_stays_after_a_reload()
    {
        await using var context = await app.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        var heading = page.Locator("h1");

        // On the sign-in page (no interactivity) the choice is a plain link.
        await page.GotoAsync("account/login");
        await Expect(page.Locator("label[for=password]")).ToHaveTextAsync("Password");
        await page.GetByRole(AriaRole.Link, new() { Name = "Español" }).ClickAsync();
        await Expect(page.Locator("label[for=password]")).ToHaveTextAsync("Contraseña");

        // An account of its own: the language chosen here is saved on the account and would follow
        // the manager into the other journeys.
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerGuatemala);
        await Expect(heading).ToHaveTextAsync("Tablero");
        await page.GotoAsync("activities");
        await Expect(heading).ToHaveTextAsync("Actividades");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await page.ReloadAsync();
        await Expect(heading).ToHaveTextAsync("Actividades");

        // In the app, the language menu of the app bar; the page stays the same.
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=language] button").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "English" }).ClickAsync();
        await Expect(heading).ToHaveTextAsync("Activities");
        await Expect(page).ToHaveURLAsync(new Regex("/activities$"));
        await page.ReloadAsync();
        await Expect(heading).ToHaveTextAsync("Activities");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public async Task an_officer_for_mexico_sees_only_the_activities_in_scope()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerMexico);

        // The home dashboard counts only what the scope covers, and says so.
        await Expect(page.Locator("[data-testid=activities]").First).ToHaveTextAsync("5");
        await Expect(page.GetByText("These figures cover your programmes and countries only.")).ToBeVisibleAsync();

        await page.GotoAsync("activities");
        await Expect(Rows(page)).ToHaveCountAsync(5);
        // Mexico's activities and those Mexico takes part in (one hosted by Guatemala, one regional).
        // Waited for: the interactive render replaces the prerendered table, and a read between the two found no cells.
        var cells = page.Locator("[data-testid=activity-table] tbody td[data-label=Country]");
        await Expect(cells).ToHaveCountAsync(5);
        var countries = await cells.AllTextContentsAsync();
        Assert.Equal(["Guatemala", "Mexico", "Mexico", "Mexico", "Regional"], countries.Select(c => c.Trim()).Order());
    }

    [Fact]
    public async Task the_manager_sees_every_activity_and_the_seeded_totals_on_the_dashboard()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Manager);

        await Expect(page).ToHaveURLAsync(app.BaseAddress);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await Expect(page.Locator("[data-testid=activities]").First).ToHaveTextAsync("10");
        // 1,195 assisted returns + 256 at the Tijuana job fair + "over 50" at the Caribbean network's meeting: a floor.
        await Expect(page.Locator("[data-testid=participants]").First).ToHaveTextAsync("≥ 1,501");
        await Expect(page.GetByText("These figures cover your programmes and countries only.")).ToHaveCountAsync(0);

        await page.GotoAsync("activities");
        await Expect(Rows(page)).ToHaveCountAsync(10);
    }

    [Fact]
    public async Task on_a_phone_the_list_pages_forward_and_back_by_position()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.SignInAsync(page, DemoUsers.Manager);
        var previous = page.Locator("[data-testid=previous-page]");
        var next = page.Locator("[data-testid=next-page]");
        var number = page.Locator("[data-testid=page-number]");
        var titles = page.Locator("[data-testid=activity-table] tbody td[data-label=Title]");
        // The page number can change a render before the rows do: wait for rows other than the page's before.
        async Task<string[]> TitlesAsync(int count, string[] before)
        {
            await Expect(Rows(page)).ToHaveCountAsync(count);
            if (before.Length > 0)
                await Expect(titles.First).Not.ToHaveTextAsync(before[0]);
            return [.. (await titles.AllTextContentsAsync()).Select(t => t.Trim())];
        }

        await page.GotoAsync("activities?pageSize=4");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var first = await TitlesAsync(4, []);
        await Expect(previous).ToBeDisabledAsync();
        await next.ClickAsync();
        await Expect(number).ToHaveTextAsync("Page 2");
        var second = await TitlesAsync(4, first);
        await next.ClickAsync();
        await Expect(number).ToHaveTextAsync("Page 3");
        var third = await TitlesAsync(2, second);
        await Expect(next).ToBeDisabledAsync();

        // The ten seeded activities, each once; back again, the same pages.
        Assert.Equal(10, first.Concat(second).Concat(third).Distinct().Count());
        await previous.ClickAsync();
        await Expect(number).ToHaveTextAsync("Page 2");
        await Expect(titles).ToHaveTextAsync(second);
        await previous.ClickAsync();
        await Expect(number).ToHaveTextAsync("Page 1");
        await Expect(titles).ToHaveTextAsync(first);
        await Expect(previous).ToBeDisabledAsync();
        // Nothing wider than the phone: no sideways scrolling to reach the pager.
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
    }

    [Fact]
    public async Task a_wrong_password_shows_the_error_and_stays_on_the_sign_in_page()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");

        await page.Locator("#email").FillAsync(DemoUsers.OfficerGuatemala.Email);
        await page.Locator("#password").FillAsync("not-the-password");
        await page.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator("[data-testid=sign-in-error]")).ToHaveTextAsync("Wrong email or password.");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(page.Locator("#email")).ToHaveValueAsync(DemoUsers.OfficerGuatemala.Email);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "ActivityTracker.Auth");
    }

    [Fact]
    public async Task a_page_for_another_role_says_so_in_the_users_language()
    {
        await using var context = await app.NewContextAsync("es-ES");
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerMexico);

        await page.GotoAsync("admin/users");

        await Expect(page).ToHaveURLAsync(new Regex("/account/access-denied"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sin acceso");
    }
}

/// <summary>Journeys that record and correct activities, on an app and database of their own so the other journeys keep their counts.</summary>
[CollectionDefinition(Name)]
public sealed class CorrectionBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser-corrections";
}

[Collection(CorrectionBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class RecordingAndCorrectingJourneys(BrowserFixture app)
{
    // The log form, as Mexico's officer, filled with what every activity needs: a job fair of MESO-CARIB in Mexico.
    static async Task<IPage> JobFairFormAsync(IBrowserContext context, string kind, string country, string title)
    {
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerMexico);
        await page.GotoAsync("activities/new");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Selects.ChooseAsync(page, "kind", kind);
        await page.Locator("[data-testid=title]").FillAsync(title);
        await Selects.ChooseAsync(page, "programme", new Regex("^MESO-CARIB"));
        await Selects.ChooseAsync(page, "sector", new Regex("^16020"));
        await Selects.ChooseAsync(page, "country", country);
        return page;
    }

    [Fact]
    public async Task an_officer_logs_an_activity_with_participants_by_sex_and_age_band()
    {
        await using var context = await app.NewContextAsync("es-ES");
        var page = await JobFairFormAsync(context, "Feria de empleo", "México", "Feria de empleo en Mexicali");
        await page.Locator("[data-testid=participants]").FillAsync("120");

        await page.Locator("[data-testid=add-group]").ClickAsync();
        await Selects.ChooseAsync(page, "group-sex-0", "Mujeres y niñas");
        await page.Locator("[data-testid=group-count-0]").FillAsync("200");
        await page.Locator("[data-testid=group-count-0]").BlurAsync();
        // More people in the breakdown than in the total: the rule says so above the rows.
        await Expect(page.Locator("[data-testid=groups-error]")).ToHaveTextAsync("El desglose suma 200, más que el total de 120.");
        await page.Locator("[data-testid=group-count-0]").FillAsync("70");
        await page.Locator("[data-testid=add-group]").ClickAsync();
        await Selects.ChooseAsync(page, "group-sex-1", "Hombres y niños");
        await page.Locator("[data-testid=group-count-1]").FillAsync("50");
        await page.Locator("[data-testid=group-count-1]").BlurAsync();
        await Expect(page.Locator("[data-testid=groups-error]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=submit]").ClickAsync();

        await Expect(page.Locator("[data-testid=activity-title]")).ToHaveTextAsync("Feria de empleo en Mexicali");
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("Participantes reportados");
        var id = Guid.Parse(page.Url.Split('/').Last());
        await using var session = app.Store.QuerySession();
        var participants = (await session.LoadAsync<ActivityTracker.Activities.GettingDetails.ActivityDetails>(id))!.Participants!;
        Assert.Equal([(ActivityTracker.Activities.Sex.Female, 70), (ActivityTracker.Activities.Sex.Male, 50)],
            participants.Groups.Select(g => (g.Sex!.Value, g.Count)));
    }

    [Fact]
    public async Task on_a_phone_an_officer_finds_a_partner_by_a_word_of_its_name_and_picks_it()
    {
        await using var context = await app.NewContextAsync("es-ES");
        var title = $"Taller sobre trata en Tapachula {Guid.NewGuid():N}";
        var page = await JobFairFormAsync(context, "Feria de empleo", "México", title);
        await page.SetViewportSizeAsync(390, 844);

        await page.Locator("[data-testid=add-partner]").ClickAsync();
        var picker = page.Locator("input[data-testid=partner-organisation-0]");
        await picker.FillAsync("explot");
        // The beginning of a word of the name finds it, accents aside ("Explotación"); nothing is chosen until it is picked.
        var option = page.GetByRole(AriaRole.Option, new() { Name = "Secretaría contra la Violencia Sexual, Explotación y Trata de Personas (SVET)" });
        await Expect(option).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        Directory.CreateDirectory(Path.Combine(BrowserFixture.ScreenshotDirectory, "phone"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "phone", "log-form-partner-picker.png") });
        await option.ClickAsync();
        await Expect(picker).ToHaveValueAsync("Secretaría contra la Violencia Sexual, Explotación y Trata de Personas (SVET)");
        // The picker fits the phone's width.
        var box = (await picker.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the partner picker spans {box.X}..{box.X + box.Width} on a 390 px screen");

        await page.Locator("[data-testid=submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=activity-title]")).ToHaveTextAsync(title);
        var id = Guid.Parse(page.Url.Split('/').Last());
        await using var session = app.Store.QuerySession();
        Assert.Equal(["svet-gt"], (await session.LoadAsync<ActivityTracker.Activities.GettingDetails.ActivityDetails>(id))!.Partners.Select(p => p.OrganisationCode));
    }

    [Fact]
    public async Task the_case_file_of_a_training_recorded_twice_warns_of_the_other_with_a_link()
    {
        // Two officers' reports of one training in Mexico: same days, the title written otherwise.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var training = new RecordActivity("training", "es", $"Capacitación sobre trata para cónsules {tag}", ActualStart: new DateOnly(2026, 5, 22),
            ActualEnd: new DateOnly(2026, 5, 27), Location: new LocationInput("MX", null, "Tapachula", null, null), ProgrammeCode: "MESO-CARIB", SectorCode: "15190");
        var first = await RecordAsync(training);
        var second = await RecordAsync(training with { Title = $"Capacitacion a consules sobre trata {tag}", ActualStart = new DateOnly(2026, 5, 27) });

        await using var context = await app.NewContextAsync("es-ES");
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerMexico);
        await page.GotoAsync($"activities/{second}");

        var warning = page.Locator("[data-testid=likely-duplicates]");
        await Expect(warning).ToContainTextAsync("Puede ser la misma actividad que otra ya registrada");
        await warning.GetByRole(AriaRole.Link, new() { Name = training.Title }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/activities/{first}$"));
        await Expect(page.Locator("[data-testid=likely-duplicates]")).ToContainTextAsync($"Capacitacion a consules sobre trata {tag}");
    }

    // Recorded as the API records (the same rules), straight into the app's store.
    async Task<Guid> RecordAsync(RecordActivity command)
    {
        var id = Guid.CreateVersion7();
        await using var session = app.Store.LightweightSession();
        var decision = command.Decide(id, await command.LoadCatalogAsync(session, CodeLists.Shipped, default), DateOnly.FromDateTime(DateTime.UtcNow));
        session.Events.StartStream<ActivityTracker.Activities.GettingDetails.ActivityDetails>(id, [.. ((ActivityTracker.Decisions.Decision.Accepted)decision).Events]);
        await session.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task a_double_click_on_save_records_the_activity_once()
    {
        await using var context = await app.NewContextAsync("en-US");
        var title = $"Job fair in Mexicali {Guid.NewGuid():N}";
        var page = await JobFairFormAsync(context, "Job fair", "Mexico", title);
        await page.Locator("[data-testid=title]").BlurAsync();
        // Two clicks sent before the server has answered the first: both reach the circuit.
        await page.EvaluateAsync("() => { const save = document.querySelector('[data-testid=submit]'); save.click(); save.click(); }");

        await Expect(page.Locator("[data-testid=activity-title]")).ToHaveTextAsync(title);
        await using var session = app.Store.QuerySession();
        Assert.Equal(1, await session.Query<ActivityTracker.Activities.GettingDetails.ActivityDetails>().CountAsync(a => a.Title == title));
    }

    [Fact]
    public async Task an_officer_corrects_the_held_dates_with_a_reason_and_the_timeline_shows_it()
    {
        await using var context = await app.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerMexico);
        await page.GotoAsync($"activities/{BrowserFixture.TijuanaJobFair}");
        await BrowserFixture.WaitForInteractiveAsync(page);

        var start = page.Locator("input[data-testid=held-start]");
        await Expect(start).ToHaveValueAsync("2019-02-27");
        await start.FillAsync("2019-02-26");
        await start.PressAsync("Tab");
        await Expect(page.Locator("[data-testid=held-correction-error]"))
            .ToHaveTextAsync("It was already reported as held from 2019-02-27: say why the dates change (correction.reason).");

        await Selects.ChooseAsync(page, "held-reason", "late data");
        await page.Locator("[data-testid=held-note]").FillAsync("The sign-in sheets show the fair opened a day earlier");
        await page.Locator("[data-testid=save-held]").ClickAsync();

        var held = page.Locator("[data-testid=timeline] .mud-timeline-item").Filter(new() { HasText = "The sign-in sheets show the fair opened a day earlier" });
        await Expect(held).ToContainTextAsync("Held");
        await Expect(held).ToContainTextAsync("late data");
        await Expect(start).ToHaveValueAsync("2019-02-26");
    }
}
