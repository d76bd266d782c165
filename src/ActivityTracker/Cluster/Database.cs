using System.Data.Common;
using Npgsql;

namespace ActivityTracker.Cluster;

/// <summary>The PostgreSQL database every node of the app shares (and its replica for dashboard reads, if any): how each session is opened.</summary>
public static class Database
{
    /// <summary>
    /// PostgreSQL ends a session left idle inside a transaction this long (rolling it back). Below
    /// the event store's <c>StaleSequenceThreshold</c> (Hosting/EventStore.cs) on purpose: a session that drew event sequence
    /// numbers and then hung (a paused or partitioned app) is gone before the projection daemon
    /// moves past its hole, so the daemon never skips an event that commits later. It also frees
    /// the locks and connections such a session holds. Nothing in the app waits inside a transaction.
    /// </summary>
    public static readonly TimeSpan IdleInTransactionTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Each connection pool's size when the connection string does not say (<c>Maximum Pool Size=N</c>).
    /// More connections than this do not make a small server commit more per second, they only make
    /// it switch between them: at 32 concurrent writers the app opened 46 connections and recorded
    /// no more than with 19 (deploy/bench.sh). A request waits for a free one instead.
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

    public static string WithPoolSize(string connectionString)
    {
        // The plain builder knows which keys the string sets (Npgsql's answers for every keyword it knows).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (PoolSizeKeywords.Any(given.ContainsKey))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    static readonly string[] PoolSizeKeywords = ["Maximum Pool Size", "MaxPoolSize"];
}
