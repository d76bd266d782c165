using Npgsql;

namespace ActivityTracker.Testing;

/// <summary>
/// An empty database of its own on the tests' server (<see cref="TestDatabase"/>), dropped on dispose: for hosts that must not
/// see the shared database's schema or accounts, and for suites that run while others wipe the shared one.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    readonly TestDatabase _server;
    readonly string _name;

    ScratchDatabase(TestDatabase server, string name, string connectionString) => (_server, _name, ConnectionString) = (server, name, connectionString);

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(string prefix)
    {
        var server = await TestDatabase.StartAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}";
        return new ScratchDatabase(server, name, await PostgresServer.FreshDatabaseAsync(server.ConnectionString, name));
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PostgresServer.DropDatabaseAsync(_server.ConnectionString, _name);
        await _server.DisposeAsync();
    }
}
