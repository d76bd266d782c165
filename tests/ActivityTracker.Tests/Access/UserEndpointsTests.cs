using System.Text.Json;
using ActivityTracker.Access;
using ActivityTracker.Users;
using Alba;

namespace ActivityTracker.Tests.Access;

public class UserEndpointsTests(AppFixture app) : ActivityTest(app)
{
    protected override DemoUsers.Account User => TestUsers.Admin;

    static string NewEmail() => $"officer-{Guid.NewGuid():N}@test.local";

    [Fact]
    public async Task an_admin_creates_an_account_that_can_sign_in_with_its_scope()
    {
        var email = NewEmail();
        var created = await Host.Scenario(s =>
        {
            s.Post.Json(new { email, password = TestUsers.Password, roles = new[] { "Officer" }, countries = new[] { "hn" } }).ToUrl("/api/users");
            s.StatusCodeShouldBe(201);
        });
        var user = (await created.ReadAsJsonAsync<UserSummary>())!;
        Assert.Equal(["officer"], user.Roles);
        Assert.Equal(["HN"], user.Countries);

        await App.ActAsAsync(new DemoUsers.Account(email, Roles.Officer, [], ["HN"]));
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/dashboards/countries/HN");
            s.StatusCodeShouldBe(200);
        });
    }

    [Fact]
    public async Task bad_account_data_is_400_naming_each_field()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { email = "not-an-email", password = "short", roles = new[] { "king" }, programmes = new[] { "NOPE" }, countries = new[] { "XX" } }).ToUrl("/api/users");
            s.StatusCodeShouldBe(400);
        });

        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        Assert.Equal(["countries[0]", "email", "programmes[0]", "roles[0]"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task a_weak_password_is_400_on_password_and_a_taken_email_is_409()
    {
        var weak = await Host.Scenario(s =>
        {
            s.Post.Json(new { email = NewEmail(), password = "short", roles = new[] { "officer" }, programmes = new[] { "*" } }).ToUrl("/api/users");
            s.StatusCodeShouldBe(400);
        });
        Assert.Contains("\"password\"", await weak.ReadAsTextAsync());

        await Host.Scenario(s =>
        {
            s.Post.Json(new { email = DemoUsers.Manager.Email, password = "Brand-New-Pass-1!", roles = new[] { "officer" }, programmes = new[] { "*" } }).ToUrl("/api/users");
            s.StatusCodeShouldBe(409);
        });
    }

    [Fact]
    public async Task an_admin_changes_roles_and_scope_and_lists_accounts()
    {
        var email = NewEmail();
        var created = await Host.Scenario(s =>
        {
            s.Post.Json(new { email, password = "Brand-New-Pass-1!", roles = new[] { "officer" }, countries = new[] { "CR" } }).ToUrl("/api/users");
            s.StatusCodeShouldBe(201);
        });
        var id = (await created.ReadAsJsonAsync<UserSummary>())!.Id;

        var changed = await Host.Scenario(s => s.Put.Json(new { roles = new[] { "manager" }, programmes = new[] { "MESO-CARIB" } }).ToUrl($"/api/users/{id}/access"));

        var summary = (await changed.ReadAsJsonAsync<UserSummary>())!;
        Assert.Equal(["manager"], summary.Roles);
        Assert.Equal(["MESO-CARIB"], summary.Programmes);
        Assert.Empty(summary.Countries);
        var all = (await Host.GetAsJson<List<UserSummary>>("/api/users"))!;
        Assert.Contains(all, u => u.Email == email && u.Roles.SequenceEqual(["manager"]));
    }
}
