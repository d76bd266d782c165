using System.Data.Common;
using System.Text.Json.Serialization;
using ActivityTracker.Dashboards.Reads;
using ActivityTracker.Decisions;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Scalar.AspNetCore;
using ActivityTracker.Http;

namespace ActivityTracker.Hosting;

/// <summary>What every deployment of the app needs around the domain: errors as ProblemDetails, JSON, health and API docs.</summary>
public static class ServiceDefaults
{
    const string ReadyTag = "ready";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        // First: outside Development, refuse development defaults before anything else starts.
        builder.Services.AddHostedService<ProductionGuard>();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c => UnreadableJson.NameTheField(c.ProblemDetails, c.Exception));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // Identity's minimal-API endpoints throw BadHttpRequestException on a body they cannot read:
        // always (not only in Development), so the exception handler below answers with the status it
        // carries (400, 413) and the field, never 500.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<ExceptionHandlerOptions>(o =>
            o.StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddOpenApi();

        // Live: the process answers. Ready: it can reach its database, and the projections keep up (Degraded when not).
        builder.Services.AddHealthChecks()
            .AddNpgSql(sp => sp.GetRequiredService<IConfiguration>().PostgresConnectionString(), name: "postgres", tags: [ReadyTag])
            .AddProjectionLag(ReadyTag)
            .AddCheck<DaemonHealthCheck>(DaemonHealthCheck.Name, HealthStatus.Degraded, [ReadyTag])
            .AddDashboardReads(builder.Configuration, ReadyTag);
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
    /// PostgreSQL ends a session left idle inside a transaction this long (rolling it back). Below
    /// <see cref="EventStore.StaleSequenceThreshold"/> on purpose: a session that drew event sequence
    /// numbers and then hung (a paused or partitioned app) is gone before the projection daemon
    /// moves past its hole, so the daemon never skips an event that commits later. It also frees
    /// the locks and connections such a session holds. Nothing in the app waits inside a transaction.
    /// </summary>
    public static readonly TimeSpan IdleInTransactionTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Each connection pool's size when the connection string does not say (<c>Maximum Pool Size=N</c>).
    /// More connections than this do not make a small server commit more per second, they only make
    /// it switch between them: at 32 concurrent writers the app opened 46 connections and recorded
    /// no more than with 19 (deploy/bench.sh, P1 and P8). A request waits for a free one instead.
    /// </summary>
    public const int DefaultMaxPoolSize = 10;

    /// <summary>
    /// The one PostgreSQL database (<c>ConnectionStrings:Postgres</c>), read when first needed so tests can supply it,
    /// with <see cref="DefaultMaxPoolSize"/> unless it says otherwise and <see cref="IdleInTransactionTimeout"/> on every session the app opens.
    /// </summary>
    public static string PostgresConnectionString(this IConfiguration configuration)
    {
        if (configuration.GetConnectionString("Postgres") is not { Length: > 0 } connectionString)
            throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set. Start the app with deploy/run.sh, or set ConnectionStrings__Postgres.");
        return configuration.AppSession(connectionString);
    }

    /// <summary>
    /// The streaming replica that serves dashboard reads (<c>ConnectionStrings:DashboardReads</c>), with the same
    /// pool size and session settings as <see cref="PostgresConnectionString"/>; null when it is not set (no replica).
    /// </summary>
    public static string? DashboardReadsConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("DashboardReads") is { Length: > 0 } connectionString ? configuration.AppSession(connectionString) : null;

    /// <summary><paramref name="connectionString"/> as every session the app opens has it: pool size, idle-in-transaction timeout and this node's name.</summary>
    static string AppSession(this IConfiguration configuration, string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(WithPoolSize(connectionString));
        var timeout = $"-c idle_in_transaction_session_timeout={(int)IdleInTransactionTimeout.TotalMilliseconds}";
        if (builder.Options?.Contains("idle_in_transaction_session_timeout", StringComparison.Ordinal) != true)
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? timeout : $"{builder.Options} {timeout}";
        // Each session says which node opened it (pg_stat_activity.application_name): operators see it,
        // and the projections page finds the node holding the daemon's lock (ProjectionAdmin.DaemonNodeAsync).
        if (string.IsNullOrEmpty(builder.ApplicationName))
            builder.ApplicationName = ClusterOptions.From(configuration).NodeName;
        return builder.ConnectionString;
    }

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
