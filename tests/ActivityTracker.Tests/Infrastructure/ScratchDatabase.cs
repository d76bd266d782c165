using Npgsql;

namespace ActivityTracker.Tests.Infrastructure;

/// <summary>
/// An empty database of its own next to the tests' one (its user may create databases), dropped
/// on dispose: for hosts that must not see the shared database's schema or accounts.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    readonly TestDatabase _server;
    readonly string _name;

    ScratchDatabase(TestDatabase server, string name) => (_server, _name) = (server, name);

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = _name }.ConnectionString;

    public static async Task<ScratchDatabase> CreateAsync(string prefix)
    {
        var server = await TestDatabase.StartAsync();
        var database = new ScratchDatabase(server, $"{prefix}_{Guid.NewGuid():N}");
        await database.ExecuteOnServerAsync($"CREATE DATABASE \"{database._name}\"");
        return database;
    }

    async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        await _server.DisposeAsync();
    }
}
