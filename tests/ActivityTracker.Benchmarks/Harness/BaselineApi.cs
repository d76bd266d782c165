using Npgsql;

namespace ActivityTracker.Benchmarks.Harness;

/// <summary>
/// The best the same machine does without the product: a bare minimal API on Npgsql, run by the
/// harness's own executable (<c>baseline-api</c>) as a process like the app. It writes one JSON row
/// per activity in one transaction (P7's first write) and returns a stored dashboard document as it
/// is in the database (P5).
/// </summary>
public static class BaselineApi
{
    public const string Command = "baseline-api";
    public const string Table = "baseline_activities";

    /// <summary>The baseline's table; created before the cold start so both sides start on a ready schema.</summary>
    public static async Task CreateTableAsync(string connectionString)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var create = data.CreateCommand($"CREATE TABLE IF NOT EXISTS {Table} (id uuid PRIMARY KEY, data jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())");
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The baseline's write (POST /activities here, P1's operation from the harness): one JSON row in
    /// one transaction on a pooled connection (BEGIN, INSERT, COMMIT with a durable flush).
    /// </summary>
    public static async Task<Guid> InsertAsync(NpgsqlDataSource data, string json)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await data.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand($"INSERT INTO {Table} (id, data) VALUES ($1, $2::jsonb)", connection, transaction);
        insert.Parameters.AddWithValue(id);
        insert.Parameters.AddWithValue(json);
        await insert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return id;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(builder.Configuration.GetConnectionString("Postgres")!));
        var app = builder.Build();

        app.MapPost("/activities", async (HttpRequest request, NpgsqlDataSource data) =>
        {
            using var reader = new StreamReader(request.Body);
            var id = await InsertAsync(data, await reader.ReadToEndAsync());
            return Results.Created($"/activities/{id}", new { value = id });
        });

        // The stored document, as stored: no deserialising, no scope, no names.
        app.MapGet("/dashboards/{id}", async (string id, NpgsqlDataSource data) =>
        {
            await using var select = data.CreateCommand("SELECT data::text FROM marten.mt_doc_dashboardslice WHERE id = $1");
            select.Parameters.AddWithValue(id);
            return await select.ExecuteScalarAsync() is string json ? Results.Text(json, "application/json") : Results.NotFound();
        });

        app.MapGet("/ready", () => Results.Ok());
        await app.RunAsync();
        return 0;
    }
}
