using ActivityTracker.Access;
using ActivityTracker.Dashboards;
using Alba;
using Marten;
using Marten.Events;

namespace ActivityTracker.Tests.Infrastructure;

/// <summary>Accounts the tests sign in as, besides the demo accounts.</summary>
public static class TestUsers
{
    public const string Password = "Test-Pass-2026!";

    public static readonly DemoUsers.Account Officer = new("officer@test.local", Roles.Officer, [ScopeClaims.All], []);
    public static readonly DemoUsers.Account SecondOfficer = new("officer2@test.local", Roles.Officer, [ScopeClaims.All], []);
    public static readonly DemoUsers.Account Manager = new("manager@test.local", Roles.Manager, [ScopeClaims.All], []);
    public static readonly DemoUsers.Account Admin = new("admin@test.local", Roles.Admin, [], []);
    /// <summary>Signed in, but given no role and no scope: sees nothing.</summary>
    public static readonly DemoUsers.Account Nobody = new("nobody@test.local", "", [], []);
    /// <summary>An officer who is also a manager: separation of duties still stops them approving their own work.</summary>
    public static readonly DemoUsers.Account OfficerAndManager = new("both@test.local", Roles.Officer, [ScopeClaims.All], []);

    /// <summary>An officer of one programme, in every country.</summary>
    public static readonly DemoUsers.Account ProgrammeOfficer = new("programme.officer@test.local", Roles.Officer, ["MESO-CARIB"], []);

    /// <summary>An officer of one programme in one country: both halves of the read scope apply.</summary>
    public static readonly DemoUsers.Account ProgrammeOfficerMexico = new("programme.officer.mx@test.local", Roles.Officer, ["MESO-CARIB"], ["MX"]);

    public static readonly IReadOnlyList<DemoUsers.Account> All = [Officer, SecondOfficer, Manager, Admin, Nobody, OfficerAndManager, ProgrammeOfficer, ProgrammeOfficerMexico];
}

/// <summary>One running app (Alba host) on one database, shared by every test of the <see cref="AppCollection"/>.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    TestDatabase? _database;
    readonly Dictionary<string, string> _tokens = new(StringComparer.OrdinalIgnoreCase);
    string? _token;

    public IAlbaHost Host { get; private set; } = null!;

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>The shared database, for hosts a test builds itself.</summary>
    public string ConnectionString => _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.StartAsync();
        // Periods of a few events: the tests' histories are short, and every read as of an instant should meet periods within a month.
        Host = await StartHostAsync(("Limits:SignInsPerMinute", "100000"), ("Limits:WritesPerMinute", "100000"),
            (DashboardProjection.EventsPerPeriodSetting, "20"));
        // Every request carries the current user's bearer token unless the scenario sets its own.
        Host.BeforeEach(context =>
        {
            if (_token is not null && !context.Request.Headers.ContainsKey("Authorization"))
                context.Request.Headers.Authorization = $"Bearer {_token}";
        });

        await DemoUsers.EnsureAsync(Host.Services, DemoUsers.Password);
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        foreach (var account in TestUsers.All.Where(a => users.FindByEmailAsync(a.Email).Result is null))
            await UserAccounts.CreateAsync(scope.ServiceProvider, account.Email, TestUsers.Password,
                account == TestUsers.OfficerAndManager ? [Roles.Officer, Roles.Manager] : account.Role.Length == 0 ? [] : [account.Role],
                account.Programmes, account.Countries);
    }

    /// <summary>Another app on the same database, e.g. with other limits; the caller disposes it.</summary>
    public Task<IAlbaHost> StartHostAsync(params (string Key, string Value)[] settings) => AlbaHost.For<Program>(b =>
    {
        b.UseSetting("ConnectionStrings:Postgres", _database!.ConnectionString);
        foreach (var (key, value) in settings)
            b.UseSetting(key, value);
    });

    /// <summary>Signs in as <paramref name="account"/> (a bearer token from /api/auth/login) for the requests that follow; null for anonymous.</summary>
    public async Task ActAsAsync(DemoUsers.Account? account)
    {
        if (account is null)
        {
            _token = null;
            return;
        }
        if (!_tokens.TryGetValue(account.Email, out var token))
        {
            _token = null;
            var password = account.Email.EndsWith(DemoUsers.Domain) ? DemoUsers.Password : TestUsers.Password;
            var result = await Host.Scenario(s =>
            {
                s.Post.Json(new { email = account.Email, password }).ToUrl("/api/auth/login");
                s.StatusCodeShouldBe(200);
            });
            _tokens[account.Email] = token = (await result.ReadAsJsonAsync<LoginAnswer>())!.AccessToken;
        }
        _token = token;
    }

    sealed record LoginAnswer(string AccessToken);

    /// <summary>Waits until the async daemon has folded every appended event into the async read models.</summary>
    public Task WaitForProjectionsAsync() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }
}

/// <summary>Tests that share the app and its database; xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>Base of the HTTP and projection tests: each test starts from an empty event store, signed in as an administrator.</summary>
[Collection(AppCollection.Name)]
public abstract class AppTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;
    protected IAlbaHost Host => App.Host;

    protected virtual DemoUsers.Account User => TestUsers.Admin;

    public virtual async Task InitializeAsync()
    {
        await Host.ResetAllMartenDataAsync();
        await App.ActAsAsync(User);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Base of the activity tests: the shipped programmes, organisations and indicators, signed in as an officer for every programme.</summary>
public abstract class ActivityTest(AppFixture app) : AppTest(app)
{
    protected override DemoUsers.Account User => TestUsers.Officer;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ActivityTracker.Seeding.ReferenceStreams.ImportAsync(App.Store, ActivityTracker.Reference.SeedFile.DefaultDirectory);
    }
}
