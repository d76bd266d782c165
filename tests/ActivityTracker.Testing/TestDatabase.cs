using Testcontainers.PostgreSql;

namespace ActivityTracker.Testing;

/// <summary>
/// The PostgreSQL the tests run against: the connection string in
/// <c>ACTIVITYTRACKER_TEST_POSTGRES</c> when set (deploy/test.sh starts a throwaway
/// local cluster and sets it), otherwise a Testcontainers container.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "ACTIVITYTRACKER_TEST_POSTGRES";

    PostgreSqlContainer? _container;

    public string ConnectionString { get; private set; } = "";

    public static async Task<TestDatabase> StartAsync()
    {
        var database = new TestDatabase();
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            database.ConnectionString = given;
            return database;
        }

        try
        {
            database._container = new PostgreSqlBuilder("postgres:15.10-alpine").Build();
            await database._container.StartAsync();
            database.ConnectionString = database._container.GetConnectionString();
            return database;
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL for the tests: {Variable} is not set and Testcontainers could not start a container ({e.GetType().Name}: {e.Message}). " +
                $"Run deploy/test.sh, which starts a throwaway local cluster, or set {Variable} to a connection string of a database the tests may wipe.", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
            await _container.DisposeAsync();
    }
}
