using Npgsql;

namespace ActivityTracker.Testing;

/// <summary>Databases of their own on a PostgreSQL server whose user may create them (a test's, a benchmark run's, a fault cluster's).</summary>
public static class PostgresServer
{
    /// <summary><paramref name="server"/>'s connection string with <paramref name="name"/> as its database.</summary>
    public static string Database(string server, string name) => new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    /// <summary>Drops <paramref name="name"/> if it is there and creates it empty; returns its connection string.</summary>
    public static async Task<string> FreshDatabaseAsync(string server, string name)
    {
        await DropDatabaseAsync(server, name);
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return Database(server, name);
    }

    /// <summary>Drops <paramref name="name"/>, closing whatever sessions it still has.</summary>
    public static Task DropDatabaseAsync(string server, string name) => ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    static async Task ExecuteAsync(string server, string sql)
    {
        // On the maintenance database: the one named in the connection string may be the one dropped.
        await using var connection = new NpgsqlConnection(Database(server, "postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
