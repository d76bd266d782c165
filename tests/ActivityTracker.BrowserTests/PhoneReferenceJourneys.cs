using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.BrowserTests.Infrastructure;
using ActivityTracker.Organisations;
using Marten;
using static ActivityTracker.BrowserTests.PhoneCaseFileJourneys;

namespace ActivityTracker.BrowserTests;

/// <summary>
/// What real reports needed of the reference data, on a phone (390 × 844) in Spanish: an administrator adds a kind the shipped
/// list lacks, and an officer logs a report of that kind with a partner the directory lacks, proposed from the picker and
/// marked pending. They change reference data, so they use the administrators' app and database; screenshots go to
/// <c>screenshots/phone/</c> (git-ignored).
/// </summary>
[Collection(AdminBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PhoneReferenceJourneys(BrowserFixture app)
{
    const int Width = 390, Height = 844;  // the phone of PhoneCaseFileJourneys, whose checks these journeys share

    [Fact]
    public async Task on_a_phone_an_admin_adds_a_kind_and_an_officer_logs_one_with_a_partner_proposed_on_the_spot()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var code = $"firma-{tag}";
        var kindName = $"Firma de plan de trabajo {tag}";

        await using (var adminContext = await app.NewContextAsync("es-ES"))
        {
            var admin = await adminContext.NewPageAsync();
            await admin.SetViewportSizeAsync(Width, Height);
            await BrowserFixture.SignInAsync(admin, DemoUsers.Admin);
            await admin.GotoAsync("admin/activity-kinds");
            await BrowserFixture.WaitForInteractiveAsync(admin);
            await admin.Locator("[data-testid=kind-code]").FillAsync(code);
            await admin.Locator("[data-testid=kind-name-en]").FillAsync($"Signing of a work plan {tag}");
            await admin.Locator("[data-testid=kind-name-es]").FillAsync(kindName);
            await admin.Locator("[data-testid=kind-add]").ClickAsync();
            await Expect(admin.Locator("[data-testid=kind-table]")).ToContainTextAsync(kindName);
            await admin.ScreenshotAsync(new() { Path = Screenshot("admin-activity-kinds.png"), FullPage = true });
            await AssertLayoutFitsAsync(admin, "the activity kinds page");
        }

        await using var context = await app.NewContextAsync("es-ES");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(Width, Height);
        await BrowserFixture.SignInAsync(page, DemoUsers.OfficerMexico);
        var title = $"Firma del plan de trabajo con la Pastoral {tag}";
        await page.GotoAsync("activities/new");
        await BrowserFixture.WaitForInteractiveAsync(page);
        // The kind added a moment ago is offered by its Spanish name.
        await Selects.ChooseAsync(page, "kind", kindName);
        await page.Locator("[data-testid=title]").FillAsync(title);
        await Selects.ChooseAsync(page, "programme", new Regex("^MESO-CARIB"));
        await Selects.ChooseAsync(page, "sector", new Regex("^15190"));
        await Selects.ChooseAsync(page, "country", "México");

        // A partner the directory does not know: the picker finds nothing and offers to propose it.
        var partner = $"Pastoral de Movilidad Humana {tag}";
        await page.Locator("[data-testid=add-partner]").ClickAsync();
        await page.Locator("input[data-testid=partner-organisation-0]").FillAsync(partner);
        var offer = page.Locator("[data-testid=propose-partner-0]");
        await Expect(offer).ToContainTextAsync($"Proponer «{partner}» como nueva organización");
        await offer.ClickAsync();
        var form = page.Locator("[data-testid=propose-partner]");
        await Expect(form.Locator("input[data-testid=propose-name]")).ToHaveValueAsync(partner);
        await Selects.ChooseAsync(page, "propose-type", "ONG nacional");
        await form.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("log-form-propose-partner.png") });
        await AssertWithinScreenAsync(form, "the proposal form");
        await AssertLayoutFitsAsync(page, "the log form proposing a partner");
        await page.Locator("[data-testid=propose-submit]").ClickAsync();
        await Expect(page.Locator("input[data-testid=partner-organisation-0]")).ToHaveValueAsync(new Regex(Regex.Escape(partner)));

        await page.Locator("[data-testid=submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=activity-title]")).ToHaveTextAsync(title);
        await Expect(page.GetByText(kindName).First).ToBeVisibleAsync();
        // Nothing reported yet is said, not left as an empty table under its heading.
        await Expect(page.Locator("[data-testid=no-outcomes]")).ToHaveTextAsync("Aún no se han reportado resultados.");
        var pending = page.Locator("[data-testid=partner-pending]");
        await Expect(pending).ToHaveTextAsync("pendiente");
        // The messages that came up on the way (proposed, recorded) are passing toasts: looked at once they are gone.
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await pending.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("case-file-pending-partner.png") });
        await AssertWithinScreenAsync(pending, "the pending mark");
        await AssertLayoutFitsAsync(page, "the case file with a pending partner");

        var id = Guid.Parse(page.Url.Split('/').Last());
        await using var session = app.Store.QuerySession();
        var activity = (await session.LoadAsync<ActivityDetails>(id))!;
        var proposed = (await session.LoadAsync<OrganisationDetails>(OrganisationDetails.IdFor(activity.Partners.Single().OrganisationCode)))!;
        Assert.Equal((code, partner, true), (activity.Kind, proposed.Name, proposed.IsPending));
    }
}
