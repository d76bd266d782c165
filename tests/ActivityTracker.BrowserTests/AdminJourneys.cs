using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.BrowserTests.Infrastructure;
using Deque.AxeCore.Playwright;

namespace ActivityTracker.BrowserTests;

/// <summary>The administrators' pages change accounts and reference data: an app and a database of their own.</summary>
[CollectionDefinition(Name)]
public sealed class AdminBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser-admin";
}

[Collection(AdminBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AdminJourneys(BrowserFixture app)
{
    /// <summary>The Guatemala City congress of the demo data is the one activity Honduras takes part in.</summary>
    const string CongressTitle = "IOM organizes Regional Congress on Human Trafficking and Organ Trafficking in Central America";

    [Fact]
    public async Task an_admin_creates_an_officer_for_Honduras_who_signs_in_and_sees_only_Honduras()
    {
        var officer = new DemoUsers.Account("officer.hn@example.org", Roles.Officer, [], ["HN"]);
        await using var adminContext = await app.NewContextAsync("en-US");
        var admin = await adminContext.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, DemoUsers.Admin);
        await admin.Locator("nav a[href='admin/users']").ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Accounts");
        await Expect(admin.Locator("[data-testid=user-table]")).ToContainTextAsync(DemoUsers.OfficerMexico.Email);

        // The server's rules answer next to each field before anything is stored.
        await admin.Locator("[data-testid=user-email]").FillAsync("not-an-email");
        await Expect(admin.GetByText("This is not an email address.")).ToBeVisibleAsync();

        await admin.Locator("[data-testid=user-email]").FillAsync(officer.Email);
        await admin.Locator("[data-testid=user-password]").FillAsync(DemoUsers.Password);
        await Selects.ChooseAsync(admin, "user-roles", "Officer", multiple: true);
        await Selects.ChooseAsync(admin, "user-countries", "Honduras", multiple: true);
        await admin.Locator("[data-testid=user-create]").ClickAsync();

        var row = admin.Locator("[data-testid=user-table] tbody tr", new() { HasText = officer.Email });
        await Expect(row).ToContainTextAsync("Officer");
        await Expect(row).ToContainTextAsync("Honduras");

        await using var officerContext = await app.NewContextAsync("en-US");
        var page = await officerContext.NewPageAsync();
        await BrowserFixture.SignInAsync(page, officer);
        await Expect(page.GetByText("These figures cover your programmes and countries only.")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=activities]").First).ToHaveTextAsync("1");
        await page.GotoAsync("activities");
        await Expect(page.Locator("[data-testid=activity-table] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=activity-table]")).ToContainTextAsync(CongressTitle);
        // Officers have no administration menu, and the pages turn them away.
        await Expect(page.Locator("nav a[href='admin/users']")).ToHaveCountAsync(0);
        await page.GotoAsync("admin/users");
        await Expect(page).Not.ToHaveURLAsync(new Regex("/admin/users$"));
        await Expect(page.Locator("[data-testid=user-table]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task an_admin_locks_an_officer_whose_open_page_signs_out_without_a_reload_and_unlocks_them()
    {
        var officer = DemoUsers.OfficerGuatemala;
        await using var officerContext = await app.NewContextAsync("en-US");
        var page = await officerContext.NewPageAsync();
        await BrowserFixture.SignInAsync(page, officer);
        await using var adminContext = await app.NewContextAsync("en-US");
        var admin = await adminContext.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, DemoUsers.Admin);
        await admin.GotoAsync("admin/users");
        await BrowserFixture.WaitForInteractiveAsync(admin);

        await admin.Locator($"[data-testid='Lock-{officer.Email}']").ClickAsync();
        await Expect(admin.Locator($"[data-testid='Unlock-{officer.Email}']")).ToBeVisibleAsync();

        // The officer's open circuit re-checks the account (every 30 s by default) and leaves for the sign-in page.
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 45_000 });
        await page.Locator("#email").FillAsync(officer.Email);
        await page.Locator("#password").FillAsync(DemoUsers.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=sign-in-error]")).ToContainTextAsync("locked");

        await admin.Locator($"[data-testid='Unlock-{officer.Email}']").ClickAsync();
        await Expect(admin.Locator($"[data-testid='Lock-{officer.Email}']")).ToBeVisibleAsync();
        await BrowserFixture.SignInAsync(page, officer);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task an_admin_registers_a_duplicate_organisation_merges_it_and_sees_the_refusal_of_a_merge_back()
    {
        await using var context = await app.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Admin);
        await page.GotoAsync("admin/organisations");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=organisation-table]")).ToContainTextAsync("Municipality of Tijuana");

        await page.Locator("[data-testid=organisation-code]").FillAsync("municipio-tijuana");
        await page.Locator("[data-testid=organisation-name]").FillAsync("Municipio de Tijuana");
        await Selects.ChooseAsync(page, "organisation-type", "Local government");
        await page.Locator("[data-testid=organisation-register]").ClickAsync();
        await Expect(page.Locator("[data-testid=organisation-municipio-tijuana]")).ToBeVisibleAsync();

        await Selects.ChooseAsync(page, "merge-merged", new Regex(@"^Municipio de Tijuana \(municipio-tijuana\)"));
        await Selects.ChooseAsync(page, "merge-into", new Regex(@"^Municipality of Tijuana \(tijuana-mx\)"));
        await page.Locator("[data-testid=merge-reason]").FillAsync("Registered twice: the Spanish name of the same municipality");
        await page.Locator("[data-testid=merge-submit]").ClickAsync();

        await Expect(page.Locator("[data-testid=merged-municipio-tijuana]")).ToHaveTextAsync("Merged into tijuana-mx");
        await Expect(page.Locator("[data-testid=merged-tijuana-mx]")).ToHaveTextAsync("");
        await Expect(page.Locator("[data-testid=organisation-table] tbody tr", new() { HasText = "tijuana-mx" }).First).ToContainTextAsync("Municipio de Tijuana");

        // The form starts again once the merge is stored.
        await Expect(page.Locator("[data-testid=merge-reason]")).ToHaveValueAsync("");

        // A merge happens once: merging it again is refused, with the server's reason on the page.
        await Selects.ChooseAsync(page, "merge-merged", new Regex(@"^Municipio de Tijuana \(municipio-tijuana\)"));
        await Selects.ChooseAsync(page, "merge-into", new Regex(@"^Secretaría de Gobernación \(segob-mx\)"));
        await page.Locator("[data-testid=merge-reason]").FillAsync("A mistake");
        await Expect(page.Locator("[data-testid=merge-problem]")).ToHaveTextAsync("'municipio-tijuana' was already merged into 'tijuana-mx'.");
    }

    [Fact]
    public async Task an_admin_sets_a_programme_target_and_revising_it_asks_for_a_reason()
    {
        await using var context = await app.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Admin);
        await page.GotoAsync("admin/programmes");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var mesoCarib = page.Locator("[data-testid=programme-table] tbody tr", new() { HasText = "MESO-CARIB" });

        await Selects.ChooseAsync(page, "target-programme", new Regex("^MESO-CARIB"));
        await Selects.ChooseAsync(page, "target-indicator", new Regex("^jobfair-hired"));
        await page.Locator("[data-testid=target-period]").FillAsync("2019");
        await page.Locator("[data-testid=target-value]").FillAsync("40");
        await page.Locator("[data-testid=target-submit]").ClickAsync();
        await Expect(mesoCarib).ToContainTextAsync("People hired through job fairs · 2019: 40");

        await page.Locator("[data-testid=target-period]").FillAsync("2019");
        await Expect(page.Locator("[data-testid=target-current]")).ToContainTextAsync("The current target for this period is 40");
        await page.Locator("[data-testid=target-value]").FillAsync("45");
        await page.Locator("[data-testid=target-submit]").ClickAsync();
        await Expect(page.GetByText("The 2019 target for 'jobfair-hired' is 40: revising it to 45 requires a reason.")).ToBeVisibleAsync();
        await Expect(mesoCarib).ToContainTextAsync("2019: 40");

        await page.Locator("[data-testid=target-reason]").FillAsync("Mid-term review of the results framework");
        await page.Locator("[data-testid=target-submit]").ClickAsync();
        await Expect(mesoCarib).ToContainTextAsync("People hired through job fairs · 2019: 45");

        // The programme's dashboard sets it against the 33 people hired at the Tijuana job fair.
        await page.GotoAsync("programmes/MESO-CARIB");
        var target = page.Locator("[data-testid=target-jobfair-hired-2019]");
        await Expect(target.Locator("td").Nth(2)).ToHaveTextAsync("45");
        await Expect(target.Locator("td").Nth(3)).ToHaveTextAsync("33");
        await Expect(target.Locator("td").Nth(5)).ToContainTextAsync("73 %");
        await Expect(target.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-label", "73 % of the target (all reported)");
    }

    [Fact]
    public async Task an_admin_defines_an_indicator_and_changing_how_it_adds_up_needs_a_reason()
    {
        await using var context = await app.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Admin);
        await page.GotoAsync("admin/indicators");
        await BrowserFixture.WaitForInteractiveAsync(page);

        await page.Locator("[data-testid=indicator-code]").FillAsync("guides-distributed");
        await page.Locator("[data-testid=indicator-name-en]").FillAsync("Guides distributed");
        await page.Locator("[data-testid=indicator-name-es]").FillAsync("Guías distribuidas");
        await page.Locator("[data-testid=indicator-unit]").FillAsync("guides");
        await Selects.ChooseAsync(page, "indicator-aggregation", "Latest: the most recent figure replaces earlier ones", shows: "Latest");
        await page.Locator("[data-testid=indicator-define]").ClickAsync();
        var row = page.Locator("[data-testid=indicator-table] tbody tr", new() { HasText = "guides-distributed" });
        await Expect(row).ToContainTextAsync("Latest");

        await Selects.ChooseAsync(page, "revise-indicator", new Regex("^guides-distributed"));
        await Expect(page.Locator("[data-testid=revise-name-en]")).ToHaveValueAsync("Guides distributed");
        await Selects.ChooseAsync(page, "revise-aggregation", "Sum: figures add up", shows: "Sum");
        await Expect(page.GetByText("Changing the aggregation rule from Latest to Sum changes how figures already reported add up: say why.")).ToBeVisibleAsync();
        await page.Locator("[data-testid=revise-reason]").FillAsync("Each launch hands out new guides");
        await page.Locator("[data-testid=revise-submit]").ClickAsync();
        await Expect(row).ToContainTextAsync("Sum");
    }

    [Fact]
    public async Task an_admin_rebuilds_the_dashboards_after_confirming_and_watches_it_finish_without_reloading()
    {
        await using var context = await app.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Admin);
        await page.Locator("nav a[href='admin/projections']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Projections");
        await BrowserFixture.WaitForInteractiveAsync(page);
        // One node here, the leader: it runs the shard, and the seeded events are processed.
        await Expect(page.Locator("[data-testid=runner-Dashboards]")).ToHaveTextAsync(new Regex(@"^This node \(.+\): running$"));
        await Expect(page.Locator("[data-testid=lag-Dashboards]")).ToHaveTextAsync("0");

        await page.Locator("[data-testid=rebuild-Dashboards]").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Rebuild Dashboards?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Rebuild" }).ClickAsync();

        await Expect(page.GetByText("The rebuild of Dashboards is queued.")).ToBeVisibleAsync();
        // The page reads the projections again every few seconds: the rebuild's end shows without a reload.
        await Expect(page.Locator("[data-testid=rebuild-state-Dashboards]")).ToHaveTextAsync(new Regex("^Finished at .+ UTC \\(asked for by admin@demo.local\\)$"), new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=lag-Dashboards]")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-testid=rebuild-Dashboards]")).ToBeEnabledAsync();
    }

    [Theory]
    [InlineData("projections", "projection-table")]
    [InlineData("users", "user-table")]
    [InlineData("programmes", "programme-table")]
    [InlineData("organisations", "organisation-table")]
    [InlineData("indicators", "indicator-table")]
    public async Task each_admin_page_passes_axe_in_Spanish_and_is_captured(string name, string table)
    {
        await using var context = await app.NewContextAsync("es-ES");
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoUsers.Admin);
        await page.GotoAsync($"admin/{name}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.Locator($"[data-testid={table}]")).ToBeVisibleAsync();

        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"admin-{name}.png"), FullPage = true });

        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on {page.Url}:{Environment.NewLine}{string.Join(Environment.NewLine,
            serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} {string.Join(" ", v.Nodes.Select(n => n.Html))}"))}");
    }
}
