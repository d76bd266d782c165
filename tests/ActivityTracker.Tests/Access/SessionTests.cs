using System.Collections.Concurrent;
using System.Text.Json;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Users;
using Alba;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Access;

/// <summary>
/// Issue #15, 4: sessions follow access. A change of roles or scope, a lock-out, a disabled account or
/// "sign out everywhere" ends bearer tokens and cookies within <see cref="SessionOptions.RevalidationInterval"/>
/// (one second on the host these tests start, so they wait past it); refresh refuses locked or disabled
/// accounts; a refresh token is good once. Each test makes its own accounts: the shared fixture keeps tokens.
/// </summary>
[Trait("Category", "Security")]
public class SessionTests(AppFixture app) : ActivityTest(app)
{
    static readonly TimeSpan PastTheBound = TimeSpan.FromSeconds(1.5);

    readonly AuditLog _audit = new();

    Task<IAlbaHost> StartHostAsync() => AlbaHost.For<Program>(b =>
    {
        b.UseSetting("ConnectionStrings:Postgres", App.ConnectionString);
        b.UseSetting("Sessions:RevalidationInterval", "00:00:01");
        b.UseSetting("Limits:SignInsPerMinute", "100000");
        b.UseSetting("Limits:WritesPerMinute", "100000");
        b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(_audit));
    });

    [Fact]
    public async Task a_token_loses_a_removed_country_within_the_bound_and_annotates_nothing()
    {
        await using var host = await StartHostAsync();
        var (guatemala, version) = await Host.RecordAsync(TijuanaJobFair() with { Location = new LocationInput("GT", null, "Guatemala City", null, null) });
        var officer = await NewAccountAsync(host, Roles.Officer, countries: ["MX", "GT"]);
        var (token, _) = await SignInAsync(host, officer.Email);
        Assert.Equal(200, await StatusAsync(host, token, ActivitySteps.Url(guatemala)));

        await ChangeAccessAsync(host, officer.Id, new { roles = new[] { Roles.Officer }, programmes = new[] { ScopeClaims.All }, countries = new[] { "MX" } });
        await Task.Delay(PastTheBound);

        Assert.Equal(401, await StatusAsync(host, token, ActivitySteps.Url(guatemala)));
        Assert.Equal(401, await StatusAsync(host, token, ActivitySteps.Url(guatemala, "notes"), new { version, text = "Still here" }));
        Assert.Equal(version, await VersionAsync(guatemala));
        // Signed in again, the account has its new scope.
        var (renewed, _) = await SignInAsync(host, officer.Email);
        Assert.Equal(403, await StatusAsync(host, renewed, ActivitySteps.Url(guatemala)));
    }

    [Fact]
    public async Task a_demoted_officer_s_token_records_nothing_within_the_bound()
    {
        await using var host = await StartHostAsync();
        var officer = await NewAccountAsync(host, Roles.Officer, countries: ["MX"]);
        var (token, _) = await SignInAsync(host, officer.Email);
        Assert.Equal(201, await StatusAsync(host, token, "/api/activities", TijuanaJobFair()));

        await ChangeAccessAsync(host, officer.Id, new { roles = new[] { Roles.Manager }, programmes = new[] { ScopeClaims.All } });
        await Task.Delay(PastTheBound);

        Assert.Equal(401, await StatusAsync(host, token, "/api/activities", TijuanaJobFair()));
        await using var session = App.Store.QuerySession();
        Assert.Equal(1, await session.Query<ActivityDetails>().CountAsync());
    }

    [Fact]
    public async Task a_cookie_session_loses_its_old_scope_within_the_bound()
    {
        await using var host = await StartHostAsync();
        var (guatemala, _) = await Host.RecordAsync(TijuanaJobFair() with { Location = new LocationInput("GT", null, "Guatemala City", null, null) });
        var officer = await NewAccountAsync(host, Roles.Officer, countries: ["MX", "GT"]);
        var cookie = await CookieAsync(host, officer.Email);
        Assert.Equal(200, await CookieStatusAsync(host, cookie, ActivitySteps.Url(guatemala)));

        await ChangeAccessAsync(host, officer.Id, new { roles = new[] { Roles.Officer }, programmes = new[] { ScopeClaims.All }, countries = new[] { "MX" } });
        await Task.Delay(PastTheBound);

        Assert.Equal(401, await CookieStatusAsync(host, cookie, ActivitySteps.Url(guatemala)));
    }

    [Fact]
    public async Task a_locked_out_account_s_token_stops_and_its_refresh_token_is_refused()
    {
        await using var host = await StartHostAsync();
        var officer = await NewAccountAsync(host, Roles.Officer, countries: ["MX"]);
        var (token, refresh) = await SignInAsync(host, officer.Email);
        Assert.Equal(200, await StatusAsync(host, token, "/api/activities"));

        // Identity's own lock-out, from wrong passwords: the stamp stays, the lock-out still ends the sessions.
        for (var i = 0; i < 5; i++)
            await host.Scenario(s =>
            {
                s.Post.Json(new { email = officer.Email, password = "not-the-password" }).ToUrl("/api/auth/login");
                s.StatusCodeShouldBe(401);
            });
        await Task.Delay(PastTheBound);

        Assert.Equal(401, await StatusAsync(host, token, "/api/activities"));
        Assert.Equal(401, await RefreshStatusAsync(host, refresh));
    }

    [Fact]
    public async Task a_disabled_account_cannot_refresh_or_sign_in_until_enabled()
    {
        await using var host = await StartHostAsync();
        var officer = await NewAccountAsync(host, Roles.Officer, countries: ["MX"]);
        var (_, refresh) = await SignInAsync(host, officer.Email);
        var admin = await AdminTokenAsync(host);

        await AdminAsync(host, admin, officer.Id, "disable", 200);

        Assert.Equal(401, await RefreshStatusAsync(host, refresh));
        Assert.Equal(401, await SignInStatusAsync(host, officer.Email));
        await AdminAsync(host, admin, officer.Id, "enable", 200);
        Assert.Equal(200, await SignInStatusAsync(host, officer.Email));
    }

    [Fact]
    public async Task a_refresh_token_is_good_once_and_a_replay_mints_nothing()
    {
        await using var host = await StartHostAsync();
        var officer = await NewAccountAsync(host, Roles.Officer, countries: ["MX"]);
        var (_, refresh) = await SignInAsync(host, officer.Email);

        var first = await RefreshAsync(host, refresh);
        Assert.Equal(200, first.Context.Response.StatusCode);
        var replay = await RefreshAsync(host, refresh);

        Assert.Equal(401, replay.Context.Response.StatusCode);
        Assert.Contains("already used", await replay.ReadAsTextAsync());
        Assert.DoesNotContain("accessToken", await replay.ReadAsTextAsync());
        // The new refresh token works, once.
        using var tokens = JsonDocument.Parse(await first.ReadAsTextAsync());
        Assert.Equal(200, await RefreshStatusAsync(host, tokens.RootElement.GetProperty("refreshToken").GetString()!));
    }

    [Fact]
    public async Task an_admin_locks_unlocks_disables_enables_and_signs_out_everywhere_through_the_api_audited()
    {
        await using var host = await StartHostAsync();
        var officer = await NewAccountAsync(host, Roles.Officer, countries: ["MX"]);
        var admin = await AdminTokenAsync(host);
        var adminId = (await FindAsync(host, TestUsers.Admin.Email)).Id;

        var locked = await AdminAsync(host, admin, officer.Id, "lock", 200);
        Assert.Equal((true, false), (locked.LockedOut, locked.Disabled));
        Assert.Equal(401, await SignInStatusAsync(host, officer.Email));
        var unlocked = await AdminAsync(host, admin, officer.Id, "unlock", 200);
        Assert.False(unlocked.LockedOut);
        Assert.True((await AdminAsync(host, admin, officer.Id, "disable", 200)).Disabled);
        Assert.False((await AdminAsync(host, admin, officer.Id, "enable", 200)).Disabled);

        var (token, _) = await SignInAsync(host, officer.Email);
        Assert.Equal(200, await StatusAsync(host, token, "/api/activities"));
        await AdminAsync(host, admin, officer.Id, "sign-out", 200);
        await Task.Delay(PastTheBound);
        Assert.Equal(401, await StatusAsync(host, token, "/api/activities"));
        Assert.Equal(200, await SignInStatusAsync(host, officer.Email));

        // Administrators cannot lock themselves out; an officer cannot lock anyone.
        await AdminAsync(host, admin, adminId, "lock", 409);
        await AdminAsync(host, admin, adminId, "disable", 409);
        Assert.False((await FindAsync(host, TestUsers.Admin.Email)).LockedOut);
        Assert.Equal(403, await StatusAsync(host, (await SignInAsync(host, officer.Email)).Token, $"/api/users/{adminId}/lock", new { }));
        Assert.False((await FindAsync(host, TestUsers.Admin.Email)).LockedOut);

        Assert.Equal(["Lock", "Unlock", "Disable", "Enable", "SignOutEverywhere"],
            _audit.Lines.Where(l => l.Contains($"Account {officer.Email} changed")).Select(l => l.Split('(', ')')[1]));
        Assert.All(_audit.Lines.Where(l => l.Contains($"Account {officer.Email} changed")), l => Assert.Contains($"by {TestUsers.Admin.Email}", l));
    }

    // Accounts and sign-in.

    async Task<UserSummary> NewAccountAsync(IAlbaHost host, string role, string[] countries)
    {
        var email = $"session-{Guid.NewGuid():N}@test.local";
        await using (var scope = host.Services.CreateAsyncScope())
            Assert.True((await UserAccounts.CreateAsync(scope.ServiceProvider, email, TestUsers.Password, [role], [ScopeClaims.All], countries)).Succeeded);
        return await FindAsync(host, email);
    }

    static async Task<UserSummary> FindAsync(IAlbaHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        return await UserSummary.OfAsync(users, (await users.FindByEmailAsync(email))!);
    }

    static async Task<(string Token, string Refresh)> SignInAsync(IAlbaHost host, string email)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { email, password = TestUsers.Password }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(200);
        });
        using var tokens = JsonDocument.Parse(await result.ReadAsTextAsync());
        return (tokens.RootElement.GetProperty("accessToken").GetString()!, tokens.RootElement.GetProperty("refreshToken").GetString()!);
    }

    static async Task<int> SignInStatusAsync(IAlbaHost host, string email) => (await host.Scenario(s =>
    {
        s.Post.Json(new { email, password = TestUsers.Password }).ToUrl("/api/auth/login");
        s.IgnoreStatusCode();
    })).Context.Response.StatusCode;

    static async Task<string> AdminTokenAsync(IAlbaHost host) => (await SignInAsync(host, TestUsers.Admin.Email)).Token;

    static Task<IScenarioResult> RefreshAsync(IAlbaHost host, string refresh) => host.Scenario(s =>
    {
        s.Post.Json(new { refreshToken = refresh }).ToUrl("/api/auth/refresh");
        s.IgnoreStatusCode();
    });

    static async Task<int> RefreshStatusAsync(IAlbaHost host, string refresh) => (await RefreshAsync(host, refresh)).Context.Response.StatusCode;

    /// <summary>Signs in with <c>useCookies=true</c>, as the browser does; the cookies to send back.</summary>
    static async Task<string> CookieAsync(IAlbaHost host, string email)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { email, password = TestUsers.Password }).ToUrl("/api/auth/login").QueryString("useCookies", "true");
            s.StatusCodeShouldBe(200);
        });
        return string.Join("; ", result.Context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
    }

    static async Task<int> CookieStatusAsync(IAlbaHost host, string cookie, string url) => (await host.Scenario(s =>
    {
        s.Get.Url(url);
        s.WithRequestHeader("Cookie", cookie);
        s.IgnoreStatusCode();
    })).Context.Response.StatusCode;

    // Requests with a bearer token: GET without a body, POST with one.

    static async Task<int> StatusAsync(IAlbaHost host, string token, string url, object? body = null) => (await host.Scenario(s =>
    {
        if (body is null)
            s.Get.Url(url);
        else
            s.Post.Json(body, JsonStyle.MinimalApi).ToUrl(url);
        s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.IgnoreStatusCode();
    })).Context.Response.StatusCode;

    async Task ChangeAccessAsync(IAlbaHost host, string id, object access)
    {
        var admin = await AdminTokenAsync(host);
        await host.Scenario(s =>
        {
            s.Put.Json(access).ToUrl($"/api/users/{id}/access");
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.StatusCodeShouldBe(200);
        });
    }

    static async Task<UserSummary> AdminAsync(IAlbaHost host, string admin, string id, string change, int status)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Url($"/api/users/{id}/{change}");
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.StatusCodeShouldBe(status);
        });
        return status == 200 ? (await result.ReadAsJsonAsync<UserSummary>())! : null!;
    }

    async Task<long> VersionAsync(Guid id)
    {
        await using var session = App.Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(id))!.Version;
    }

    /// <summary>What the app logs under <see cref="AccessLog.Category"/>: the audit of account changes.</summary>
    sealed class AuditLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string category) => category == AccessLog.Category ? new Sink(Lines) : NullLogger.Instance;

        public void Dispose() { }

        sealed class Sink(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel level) => true;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
