using Npgsql;

namespace ActivityTracker.Benchmarks.Harness;

/// <summary>The PostgreSQL server of the run (deploy/bench.sh starts a durable one): a fresh database per scenario.</summary>
public sealed class Databases(string server)
{
    /// <summary>Drops and creates <paramref name="name"/>; returns its connection string.</summary>
    public Task<string> FreshAsync(string name) => PostgresServer.FreshDatabaseAsync(server, name);

    public string On(string database) => PostgresServer.Database(server, database);
}

/// <summary>
/// P8: samples the number of server connections to one database (pg_stat_activity) every 50 ms
/// while a scenario runs, on a connection of its own that is left out of the count.
/// </summary>
public sealed class ConnectionPeak : IAsyncDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly Task _sampling;

    public int Peak { get; private set; }

    ConnectionPeak(string connectionString)
    {
        _sampling = Task.Run(async () =>
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "bench-connection-peak" };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
            while (!_stop.IsCancellationRequested)
            {
                Peak = Math.Max(Peak, Convert.ToInt32(await count.ExecuteScalarAsync()));
                try { await Task.Delay(50, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public static ConnectionPeak Watch(string connectionString) => new(connectionString);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
