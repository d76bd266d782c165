using System.Text.Json;
using ActivityTracker.Access;
using ActivityTracker.Activities.Listing;
using ActivityTracker.Seeding;
using Alba;
using Microsoft.AspNetCore.Identity;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Access;

public class SignInAndScopeTests(AppFixture app) : ActivityTest(app)
{
    [Fact]
    public async Task a_bearer_token_from_login_opens_the_api_and_no_token_gets_401()
    {
        await App.ActAsAsync(null);
        var login = await Host.Scenario(s => s.Post.Json(new { email = DemoUsers.Manager.Email, password = DemoUsers.Password }).ToUrl("/api/auth/login"));
        using var tokens = JsonDocument.Parse(await login.ReadAsTextAsync());
        var token = tokens.RootElement.GetProperty("accessToken").GetString();

        await Host.Scenario(s =>
        {
            s.Get.Url("/api/activities");
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.StatusCodeShouldBe(200);
        });
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/activities");
            s.StatusCodeShouldBe(401);
        });
        await Host.Scenario(s =>
        {
            s.Post.Json(new { email = DemoUsers.Manager.Email, password = "wrong-password" }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(401);
        });
    }

    [Fact]
    public async Task self_registration_is_closed()
    {
        await App.ActAsAsync(null);
        await Host.Scenario(s =>
        {
            s.Post.Json(new { email = "intruder@example.org", password = "Intruder-Pass-1!" }).ToUrl("/api/auth/register");
            s.StatusCodeShouldBe(401);
        });
        await App.ActAsAsync(TestUsers.Admin);
        await Host.Scenario(s =>
        {
            s.Post.Json(new { email = "intruder@example.org", password = "Intruder-Pass-1!" }).ToUrl("/api/auth/register");
            s.StatusCodeShouldBe(404);
        });
        // Nor does the API reference offer it.
        var document = await Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        using var paths = JsonDocument.Parse(await document.ReadAsTextAsync());
        Assert.Contains("/api/auth/login", paths.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("/api/auth/register", paths.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        const string email = "lockout@test.local";
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(email) is { } existing)
                await users.DeleteAsync(existing);
            await UserAccounts.CreateAsync(scope.ServiceProvider, email, TestUsers.Password, [Roles.Officer], [ScopeClaims.All], []);
        }
        await App.ActAsAsync(null);
        Task<IScenarioResult> SignIn(string password) => Host.Scenario(s =>
        {
            s.Post.Json(new { email, password }).ToUrl("/api/auth/login");
            s.IgnoreStatusCode();
        });

        for (var i = 0; i < 5; i++)
            Assert.Equal(401, (await SignIn("not-the-password")).Context.Response.StatusCode);
        var locked = await SignIn(TestUsers.Password);

        Assert.Equal(401, locked.Context.Response.StatusCode);
        Assert.Contains("LockedOut", await locked.ReadAsTextAsync());
    }

    [Fact]
    public async Task lists_and_dashboards_show_only_what_is_in_scope()
    {
        await DemoActivities.ImportAsync(App.Store, CodeLists.Shipped, DemoActivities.DefaultFile, Today);
        async Task<string[]> Visible(DemoUsers.Account user)
        {
            await App.ActAsAsync(user);
            var page = (await Host.GetAsJson<ActivityPage>("/api/activities?pageSize=100"))!;
            return [.. page.Items.Select(a => a.Location.CountryCode ?? "regional").Order()];
        }

        // Mexico's officer sees Mexico's activities and the regional ones Mexico takes part in.
        Assert.Equal(["GT", "MX", "MX", "MX", "regional"], await Visible(DemoUsers.OfficerMexico));
        Assert.Equal(["GT", "regional"], await Visible(DemoUsers.OfficerGuatemala));
        Assert.Equal(10, (await Visible(DemoUsers.Manager)).Length);
        Assert.Empty(await Visible(TestUsers.Nobody));
    }

    [Fact]
    public async Task dashboards_count_only_what_the_scope_covers_and_say_so()
    {
        await DemoActivities.ImportAsync(App.Store, CodeLists.Shipped, DemoActivities.DefaultFile, Today);
        await App.WaitForProjectionsAsync();

        await App.ActAsAsync(DemoUsers.OfficerGuatemala);
        var guatemalan = (await Host.GetAsJson<ActivityTracker.Dashboards.DashboardView>("/api/dashboards/programmes/MESO-CARIB"))!;
        await App.ActAsAsync(DemoUsers.Manager);
        var everything = (await Host.GetAsJson<ActivityTracker.Dashboards.DashboardView>("/api/dashboards/programmes/MESO-CARIB"))!;

        Assert.Equal(("filtered", 1), (guatemalan.Scope, guatemalan.AllReported.Activities));
        Assert.Equal(("complete", 9), (everything.Scope, everything.AllReported.Activities));
    }

    [Fact]
    public async Task separation_of_duties_holds_for_a_user_with_both_roles()
    {
        await App.ActAsAsync(TestUsers.OfficerAndManager);
        var (id, v) = await Host.RecordAsync(PlannedMeeting());
        await Host.Scenario(s => s.Post.Json(new { version = v }).ToUrl(ActivitySteps.Url(id, "submit")));

        var own = await Host.Scenario(s =>
        {
            s.Post.Json(new { version = v + 1 }).ToUrl(ActivitySteps.Url(id, "approve"));
            s.StatusCodeShouldBe(409);
        });
        Assert.Contains("Separation of duties", await own.ReadAsTextAsync());

        await App.ActAsAsync(TestUsers.Manager);
        await Host.Scenario(s => s.Post.Json(new { version = v + 1 }).ToUrl(ActivitySteps.Url(id, "approve")));
    }

    [Fact]
    public async Task every_event_records_the_acting_user()
    {
        await App.ActAsAsync(DemoUsers.OfficerMexico);
        var (id, v) = await Host.RecordAsync(TijuanaJobFair());
        await Host.Scenario(s => s.Post.Json(new { version = v }).ToUrl(ActivitySteps.Url(id, "submit")));
        await App.ActAsAsync(DemoUsers.Manager);
        await Host.Scenario(s => s.Post.Json(new { version = v + 1, reason = "Add the nationalities" }).ToUrl(ActivitySteps.Url(id, "send-back")));

        await using var session = App.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        Assert.All(events.SkipLast(1), e => Assert.Equal(DemoUsers.OfficerMexico.Email, e.UserName));
        Assert.Equal(DemoUsers.Manager.Email, events[^1].UserName);
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.CorrelationId)));
    }

    [Fact]
    public async Task outside_development_the_app_refuses_to_start_with_demo_accounts()
    {
        // The shared test database has the demo accounts.
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => DemoUsers.RefuseOutsideDevelopmentAsync(Host.Services, CancellationToken.None));

        Assert.Contains(DemoUsers.Admin.Email, refusal.Message);
    }
}
