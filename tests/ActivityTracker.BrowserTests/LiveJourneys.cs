using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.BrowserTests.Infrastructure;

namespace ActivityTracker.BrowserTests;

/// <summary>Journeys that change data run on an app and database of their own, so the read-only journeys keep their seeded counts.</summary>
[CollectionDefinition(Name)]
public sealed class LiveBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser-live";
}

[Collection(LiveBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class LiveJourneys(BrowserFixture app)
{
    [Fact]
    public async Task an_officer_logs_an_activity_and_the_managers_open_dashboard_changes_without_a_reload()
    {
        await using var managerContext = await app.NewContextAsync("en-US");
        var dashboard = await managerContext.NewPageAsync();
        await BrowserFixture.SignInAsync(dashboard, DemoUsers.Manager);
        var activities = dashboard.Locator("[data-testid=activities]").First;
        await Expect(activities).ToHaveTextAsync("10");
        // And Mexico's dashboard, open next to it.
        var mexico = await managerContext.NewPageAsync();
        await mexico.GotoAsync("countries/MX");
        await BrowserFixture.WaitForInteractiveAsync(mexico);
        var mexicoActivities = mexico.Locator("[data-testid=hosted] [data-testid=figures-all] [data-testid=activities]");
        await Expect(mexicoActivities).ToHaveTextAsync("3");

        await using var officerContext = await app.NewContextAsync("en-US");
        var form = await officerContext.NewPageAsync();
        await BrowserFixture.SignInAsync(form, DemoUsers.OfficerMexico);
        await form.GotoAsync("activities/new");
        await BrowserFixture.WaitForInteractiveAsync(form);
        await Selects.ChooseAsync(form, "kind", "Job fair");
        await form.Locator("[data-testid=title]").FillAsync("Third Municipal Job Fair for people in migration contexts");
        await Selects.ChooseAsync(form, "programme", new Regex("^MESO-CARIB"));
        await Selects.ChooseAsync(form, "sector", new Regex("^16020"));
        await Selects.ChooseAsync(form, "country", "Mexico");
        await form.Locator("[data-testid=participants]").FillAsync("120");
        await form.Locator("[data-testid=submit]").ClickAsync();

        // The officer lands on the new activity, and finds it in the list.
        await Expect(form.Locator("[data-testid=activity-title]")).ToHaveTextAsync("Third Municipal Job Fair for people in migration contexts");
        await form.GotoAsync("activities");
        await Expect(form.Locator("[data-testid=activity-table]")).ToContainTextAsync("Third Municipal Job Fair");

        // The manager's dashboard, still open, counts it once the projection has it.
        await Expect(activities).ToHaveTextAsync("11", new() { Timeout = 20_000 });
        await Expect(dashboard.Locator("[data-testid=participants]").First).ToHaveTextAsync("≥ 1,621");
        await Expect(mexicoActivities).ToHaveTextAsync("4");
        await Expect(mexico.Locator("[data-testid=hosted] [data-testid=figures-all] [data-testid=participants]")).ToHaveTextAsync("376");
        await Expect(mexico.Locator("[data-testid=hosted] [data-testid=slice-activities]")).ToContainTextAsync("Third Municipal Job Fair");
    }

    [Fact]
    public async Task a_manager_approves_a_submitted_activity_and_sends_another_back_with_a_reason()
    {
        await using var officerContext = await app.NewContextAsync("es-ES");
        var officer = await officerContext.NewPageAsync();
        await BrowserFixture.SignInAsync(officer, DemoUsers.OfficerMexico);
        foreach (var id in new[] { BrowserFixture.TijuanaJobFair, BrowserFixture.ChiapasInterviews })
        {
            await officer.GotoAsync($"activities/{id}");
            await BrowserFixture.WaitForInteractiveAsync(officer);
            await officer.Locator("[data-testid=submit]").ClickAsync();
            await Expect(officer.Locator("[data-testid=timeline]")).ToContainTextAsync("Enviada a revisión");
        }

        await using var managerContext = await app.NewContextAsync("es-ES");
        var manager = await managerContext.NewPageAsync();
        await BrowserFixture.SignInAsync(manager, DemoUsers.Manager);
        await manager.GotoAsync("review");
        await Expect(manager.Locator("[data-testid=review-table] tbody tr")).ToHaveCountAsync(2);

        await manager.GotoAsync($"activities/{BrowserFixture.TijuanaJobFair}");
        await BrowserFixture.WaitForInteractiveAsync(manager);
        await manager.Locator("[data-testid=approve]").ClickAsync();
        await Expect(manager.Locator("[data-testid=timeline]")).ToContainTextAsync("Aprobada");

        await manager.GotoAsync($"activities/{BrowserFixture.ChiapasInterviews}");
        await BrowserFixture.WaitForInteractiveAsync(manager);
        await manager.Locator("[data-testid=action-text]").FillAsync("Falta el número de personas entrevistadas");
        await manager.Locator("[data-testid=send-back]").ClickAsync();
        await Expect(manager.Locator("[data-testid=timeline]")).ToContainTextAsync("Falta el número de personas entrevistadas");

        await manager.GotoAsync("review");
        await Expect(manager.GetByText("No hay nada pendiente de revisión.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task the_chosen_language_follows_the_user_to_another_browser()
    {
        await using (var first = await app.NewContextAsync("en-US"))
        {
            var page = await first.NewPageAsync();
            await BrowserFixture.SignInAsync(page, DemoUsers.OfficerGuatemala);
            await page.Locator("[data-testid=language] button").ClickAsync();
            await page.GetByRole(AriaRole.Menuitem, new() { Name = "Español" }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Tablero");
        }

        // A browser that asks for English and has no cookie: the account's choice wins after sign-in.
        await using var second = await app.NewContextAsync("en-US");
        var again = await second.NewPageAsync();
        await BrowserFixture.SignInAsync(again, DemoUsers.OfficerGuatemala);
        await Expect(again.Locator("h1")).ToHaveTextAsync("Tablero");
    }
}
