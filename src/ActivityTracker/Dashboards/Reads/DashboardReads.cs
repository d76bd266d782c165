using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActivityTracker.Cluster;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace ActivityTracker.Dashboards.Reads;

/// <summary>
/// The one place dashboard reads get their query session (the dashboard and restatement endpoints,
/// their exports, and the dashboard, figures and changes pages). With <c>ConnectionStrings:DashboardReads</c>
/// set, the session reads the streaming replica while <see cref="ReplicaMonitor"/> finds it fresh
/// enough, else the primary; without it, always the primary. One session reads one source, so a
/// request never mixes the replica's state with the primary's. Everything else (commands, accounts,
/// the daemon, admin, imports, activity exports) opens its sessions on the primary.
/// </summary>
public sealed class DashboardReads(IDocumentStore store, ReplicaMonitor? replica = null)
{
    public const string SourceTag = "activitytracker.dashboard_reads.source";

    public async ValueTask<IQuerySession> QuerySessionAsync(CancellationToken ct = default)
    {
        var session = replica?.ReplicaToRead() is { } connectionString ? await OnReplicaAsync(connectionString, ct) : null;
        // On the request's trace, so a slow or surprising read can be traced to the server that answered.
        Activity.Current?.SetTag(SourceTag, session is null ? "primary" : "replica");
        return session ?? store.QuerySession();
    }

    /// <summary>
    /// A query session on an open connection to the replica (Marten disposes it with the session); null when
    /// the replica does not take the connection, so this read goes to the primary (the monitor notices within a sample).
    /// Marten 9.59 trap: a query session given a connection string or a closed connection
    /// (<c>SessionOptions.ForConnectionString</c>, <c>ForConnection</c>) reports that connection yet runs its
    /// queries on the store's own database; only an open connection is used as given.
    /// </summary>
    async Task<IQuerySession?> OnReplicaAsync(string connectionString, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            return store.QuerySession(SessionOptions.ForConnection(connection));
        }
        catch (NpgsqlException)
        {
            await connection.DisposeAsync();
            return null;
        }
    }
}

public static class DashboardReadsRegistration
{
    /// <summary>
    /// <see cref="DashboardReads"/>; with a replica configured also its monitor and its readiness entry
    /// (<see cref="ReplicaHealthCheck"/>, tag <paramref name="readyTag"/>).
    /// </summary>
    public static IHealthChecksBuilder AddDashboardReads(this IHealthChecksBuilder health, IConfiguration configuration, string readyTag)
    {
        var services = health.Services;
        if (configuration.DashboardReadsConnectionString() is not { } replica)
        {
            services.AddSingleton(sp => new DashboardReads(sp.GetRequiredService<IDocumentStore>()));
            return health;
        }
        services.AddOptions<DashboardReadsOptions>().BindConfiguration("Dashboards")
            .Validate(o => double.IsFinite(o.MaxReplicaStalenessSeconds) && o.MaxReplicaStalenessSeconds >= 0,
                "Dashboards:MaxReplicaStalenessSeconds must be a number of seconds, 0 or more.")
            .ValidateOnStart();
        services.AddSingleton(sp => new ReplicaMonitor(sp.GetRequiredService<IConfiguration>().PostgresConnectionString(), replica,
            sp.GetRequiredService<IOptions<DashboardReadsOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IMeterFactory>(),
            sp.GetRequiredService<ILogger<ReplicaMonitor>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaMonitor>());
        services.AddSingleton(sp => new DashboardReads(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<ReplicaMonitor>()));
        return health.AddCheck<ReplicaHealthCheck>(ReplicaHealthCheck.Name, HealthStatus.Degraded, [readyTag]);
    }
}
