using ActivityTracker.Testing;
// One collection at a time: each starts PostgreSQL clusters and app processes of its own, and the
// timing bounds (failover, projection catch-up) mean nothing on two cores shared with another collection.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace ActivityTracker.FaultTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster and an app process of the fault tests' own (never the database in
/// ACTIVITYTRACKER_TEST_POSTGRES, which the other suites wipe while these run): the schema
/// applied and the reference data, demo activities and demo accounts seeded by the app's own
/// commands, and one account with every role and the whole scope, so every endpoint can be
/// called. Crash tests kill and restart both; they leave them running again.
/// </summary>
public sealed class FaultFixture : IAsyncLifetime
{
    public const string Email = "fault@fault.local";
    public const string Password = "Fault-Pass-2026!";
    const string DemoPassword = "Demo-Pass-2026!";

    public PostgresCluster Cluster { get; private set; } = null!;
    public AppProcess App { get; private set; } = null!;
    public Api Api { get; private set; } = null!;
    public Oracle Oracle { get; private set; } = null!;

    /// <summary>The app's connection string (database <c>activitytracker</c> of the fault cluster).</summary>
    public string ConnectionString => Cluster.ConnectionString("activitytracker");

    public async Task InitializeAsync()
    {
        Cluster = await PostgresCluster.StartAsync();
        try
        {
            await CreateSeededDatabaseAsync(Cluster);
            App = await AppProcess.StartReadyAsync(BuiltApp.On(ConnectionString));
            Oracle = new Oracle(ConnectionString);
            await CreateAccountAsync(App.BaseAddress);
            Api = await Api.SignInAsync(App.BaseAddress, Email, Password);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Database <c>activitytracker</c> on <paramref name="cluster"/>, its schema applied and seeded by the app's own commands; answers its connection string.</summary>
    public static async Task<string> CreateSeededDatabaseAsync(PostgresCluster cluster)
    {
        await cluster.CreateDatabaseAsync("activitytracker");
        var connectionString = cluster.ConnectionString("activitytracker");
        await BuiltApp.RunAsync(connectionString, "db-apply");
        await BuiltApp.RunAsync(connectionString, "seed");
        return connectionString;
    }

    /// <summary>The account <see cref="Email"/> (every role, the whole scope), created through the app at <paramref name="app"/> by the demo administrator.</summary>
    public static async Task CreateAccountAsync(Uri app)
    {
        using var admin = await Api.SignInAsync(app, "admin@demo.local", DemoPassword);
        var created = await admin.PostAsync("api/users", new
        {
            email = Email, password = Password, roles = new[] { "officer", "manager", "admin" }, programmes = new[] { "*" }, countries = new[] { "*" },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
    }

    /// <summary>Kills the app (SIGKILL) and starts a new process on the same database; signs in again.</summary>
    public async Task RestartAppAsync(bool kill = true)
    {
        if (kill)
            App.Kill();
        await App.DisposeAsync();
        App = await AppProcess.StartReadyAsync(BuiltApp.On(ConnectionString));
        Api.Dispose();
        Api = await Api.SignInAsync(App.BaseAddress, Email, Password);
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
        if (Cluster is not null)
            await Cluster.DisposeAsync();
    }
}

/// <summary>The fault tests share one cluster and app and run one after another (a crash test must not pull the floor from under another test).</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultFixture>
{
    public const string Name = "fault";
}
