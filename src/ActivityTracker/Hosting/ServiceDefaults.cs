using System.Data.Common;
using System.Text.Json.Serialization;
using ActivityTracker.Decisions;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using Scalar.AspNetCore;

namespace ActivityTracker.Hosting;

/// <summary>What every deployment of the app needs around the domain: errors as ProblemDetails, JSON, health and API docs.</summary>
public static class ServiceDefaults
{
    const string ReadyTag = "ready";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c => UnreadableJson.NameTheField(c.ProblemDetails));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi();

        // Live: the process answers. Ready: it can reach its database, and the projections keep up (Degraded when not).
        builder.Services.AddHealthChecks()
            .AddNpgSql(sp => sp.GetRequiredService<IConfiguration>().PostgresConnectionString(), name: "postgres", tags: [ReadyTag])
            .AddProjectionLag(ReadyTag);
        return builder;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // Health and the API's description are public; everything else needs a signed-in user.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        // Healthy and Degraded answer 200 (the API serves), Unhealthy 503; the body says which check and why.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthReportJson.WriteAsync })
            .AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("ActivityTracker API")).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Each connection pool's size when the connection string does not say (<c>Maximum Pool Size=N</c>).
    /// More connections than this do not make a small server commit more per second, they only make
    /// it switch between them: at 32 concurrent writers the app opened 46 connections and recorded
    /// no more than with 19 (deploy/bench.sh, P1 and P8). A request waits for a free one instead.
    /// </summary>
    public const int DefaultMaxPoolSize = 10;

    /// <summary>The one PostgreSQL database (<c>ConnectionStrings:Postgres</c>), read when first needed so tests can supply it.</summary>
    public static string PostgresConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("Postgres") is { Length: > 0 } connectionString
            ? WithPoolSize(connectionString)
            : throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set. Start the app with deploy/run.sh, or set ConnectionStrings__Postgres.");

    internal static string WithPoolSize(string connectionString)
    {
        // The plain builder knows which keys the string sets (Npgsql's answers for every keyword it knows).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (PoolSizeKeywords.Any(given.ContainsKey))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    static readonly string[] PoolSizeKeywords = ["Maximum Pool Size", "MaxPoolSize"];
}
