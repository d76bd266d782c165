using Alba;
using Marten;
using Marten.Events;

namespace ActivityTracker.Tests.Infrastructure;

/// <summary>One running app (Alba host) on one database, shared by every test of the <see cref="AppCollection"/>.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    TestDatabase? _database;

    public IAlbaHost Host { get; private set; } = null!;

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.StartAsync();
        Host = await AlbaHost.For<Program>(b => b.UseSetting("ConnectionStrings:Postgres", _database.ConnectionString));
    }

    /// <summary>Waits until the async daemon has folded every appended event into the async read models.</summary>
    public Task WaitForProjectionsAsync() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    public async Task DisposeAsync()
    {
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

/// <summary>Base of the HTTP and projection tests: each test starts from an empty database.</summary>
[Collection(AppCollection.Name)]
public abstract class AppTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;
    protected IAlbaHost Host => App.Host;

    public virtual Task InitializeAsync() => Host.ResetAllMartenDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Base of the activity tests: an empty database given the shipped programmes, organisations and indicators.</summary>
public abstract class ActivityTest(AppFixture app) : AppTest(app)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ActivityTracker.Seeding.ReferenceStreams.ImportAsync(App.Store, ActivityTracker.Reference.SeedFile.DefaultDirectory);
    }
}
