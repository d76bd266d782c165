using System.Diagnostics.Metrics;
using System.Globalization;
using ActivityTracker.Projections;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ActivityTracker.Dashboards.Reads;

/// <summary>Bound from <c>Dashboards</c>.</summary>
public sealed class DashboardReadsOptions
{
    /// <summary>Dashboard reads use the replica only while it is at most this many seconds behind the primary.</summary>
    public double MaxReplicaStalenessSeconds { get; set; } = 2;
}

/// <summary>
/// The monitor's latest sample. <see cref="FreshAsOf"/>: the replica holds everything the primary
/// had committed at that instant (see <see cref="ReplicaFreshness"/>); null when unknown or older than
/// <see cref="ReplicaFreshness.History"/>. <see cref="Problem"/>: why the replica cannot be read at all.
/// </summary>
public sealed record ReplicaReading(
    DateTimeOffset? SampledAt,
    DateTimeOffset? FreshAsOf,
    NpgsqlLogSequenceNumber? PrimaryLsn,
    NpgsqlLogSequenceNumber? ReplayLsn,
    bool ReplayPaused,
    string? Problem)
{
    public static readonly ReplicaReading NotYet = new(null, null, null, null, false, "not sampled yet");

    public TimeSpan? StalenessAt(DateTimeOffset now) => FreshAsOf is { } t ? now - t : null;
}

/// <summary>
/// Samples the primary's WAL position and then the replica's replay position every
/// <see cref="Interval"/>, and decides per read whether the replica is fresh enough:
/// <see cref="ReplicaToRead"/> answers its connection string while its staleness (now minus
/// <see cref="ReplicaReading.FreshAsOf"/>, so it grows between samples and when sampling stalls) is
/// within <see cref="DashboardReadsOptions.MaxReplicaStalenessSeconds"/> and it answered the last
/// sample; otherwise null, and reads go to the primary. Logs each change of source once. Publishes
/// the gauges <c>activitytracker.dashboards.replica.staleness</c> and
/// <c>activitytracker.dashboards.reads.replica</c> on the app's meter. Runs only when
/// <c>ConnectionStrings:DashboardReads</c> is set.
/// </summary>
public sealed class ReplicaMonitor : BackgroundService
{
    public const string StalenessGauge = "activitytracker.dashboards.replica.staleness";
    public const string ReadsReplicaGauge = "activitytracker.dashboards.reads.replica";
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    /// <summary>A sample that takes longer than this failed: a hung replica must not hold up the verdict.</summary>
    static readonly TimeSpan SampleTimeout = TimeSpan.FromSeconds(2);

    readonly string _primary;
    readonly ReplicaFreshness _freshness = new();
    readonly TimeProvider _clock;
    readonly ILogger<ReplicaMonitor> _logger;
    volatile ReplicaReading _latest = ReplicaReading.NotYet;
    /// <summary>The last sample's failure, logged with the fall-back (the health entry, being anonymous, names only its type).</summary>
    Exception? _failure;

    public ReplicaMonitor(string primary, string replica, IOptions<DashboardReadsOptions> options, TimeProvider clock, IMeterFactory meters, ILogger<ReplicaMonitor> logger)
    {
        (_primary, Replica, _clock, _logger) = (primary, replica, clock, logger);
        MaxStaleness = TimeSpan.FromSeconds(options.Value.MaxReplicaStalenessSeconds);
        var meter = meters.Create(ProjectionLagMetrics.MeterName);
        meter.CreateObservableGauge(StalenessGauge,
            () => Latest.StalenessAt(_clock.GetUtcNow()) is { } s ? [new Measurement<double>(Math.Round(s.TotalSeconds, 3))] : Array.Empty<Measurement<double>>(),
            unit: "s", description: "How long ago the primary was in the state the dashboard replica shows.");
        meter.CreateObservableGauge(ReadsReplicaGauge, () => ReplicaToRead() is null ? 0 : 1,
            unit: "{boolean}", description: "1 while dashboard reads go to the replica, 0 while they fall back to the primary.");
    }

    /// <summary>The replica's connection string (pool size and session settings applied).</summary>
    public string Replica { get; }

    public TimeSpan MaxStaleness { get; }

    public ReplicaReading Latest => _latest;

    /// <summary>The replica's connection string when a dashboard read may use it now; null: read the primary.</summary>
    public string? ReplicaToRead() => Usable(_latest, _clock.GetUtcNow()) ? Replica : null;

    bool Usable(ReplicaReading reading, DateTimeOffset now) =>
        reading.Problem is null && reading.StalenessAt(now) is { } staleness && staleness <= MaxStaleness;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        bool? usingReplica = null; // the first verdict is logged too: a replica unusable from the start must show
        using var timer = new PeriodicTimer(Interval);
        do
        {
            _failure = null;
            _latest = await SampleAsync(stoppingToken);
            var now = _clock.GetUtcNow();
            var usable = Usable(_latest, now);
            if (usable == usingReplica)
                continue;
            usingReplica = usable;
            if (usable)
                _logger.LogInformation("Dashboard reads go to the replica: it is {Staleness:0.0} s behind the primary (bound {Bound:0.0} s)",
                    _latest.StalenessAt(now)!.Value.TotalSeconds, MaxStaleness.TotalSeconds);
            else
                _logger.LogWarning(_failure, "Dashboard reads fall back to the primary: {Why}", Why(_latest, now));
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Why the replica is not read now, for the log and the health entry.</summary>
    public string Why(ReplicaReading reading, DateTimeOffset now) => reading.Problem is { } problem
        ? $"the replica's freshness is unknown ({problem})"
        : reading.StalenessAt(now) is { } staleness
            ? string.Create(CultureInfo.InvariantCulture,
                $"the replica is {staleness.TotalSeconds:0.0} s behind the primary (bound {MaxStaleness.TotalSeconds:0.0} s){(reading.ReplayPaused ? "; its replay is paused" : "")}")
            : $"the replica is more than {ReplicaFreshness.History.TotalMinutes:0} minutes behind the primary";

    async Task<ReplicaReading> SampleAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(SampleTimeout);
        var ct = timeout.Token;
        NpgsqlLogSequenceNumber? primaryLsn = null;
        var sampling = "the primary";
        try
        {
            // The primary first, the replica second: a replay position read after the primary's sample can
            // only make the replica look staler than it is, never fresher.
            var sampledAt = _clock.GetUtcNow();
            var (lsn, primarySystem) = await ReadAsync(_primary, "select pg_current_wal_lsn(), (select system_identifier from pg_control_system())",
                r => (r.GetFieldValue<NpgsqlLogSequenceNumber>(0), r.GetInt64(1)), ct);
            primaryLsn = lsn;
            _freshness.PrimaryAt(sampledAt, (ulong)lsn);

            sampling = "the replica";

            var (inRecovery, replay, paused, replicaSystem) = await ReadAsync(Replica,
                "select pg_is_in_recovery(), pg_last_wal_replay_lsn(), case when pg_is_in_recovery() then pg_is_wal_replay_paused() else false end, (select system_identifier from pg_control_system())",
                r => (r.GetBoolean(0), r.IsDBNull(1) ? (NpgsqlLogSequenceNumber?)null : r.GetFieldValue<NpgsqlLogSequenceNumber>(1), r.GetBoolean(2), r.GetInt64(3)), ct);
            // LSNs of two different clusters cannot be compared: a standby of another primary, or a primary, is no replica of ours.
            var problem = !inRecovery || replay is null ? "the replica is not a standby: pg_is_in_recovery() is false"
                : replicaSystem != primarySystem ? "the replica follows another cluster: its system identifier differs from the primary's"
                : null;
            return new ReplicaReading(sampledAt, problem is null ? _freshness.FreshAsOf((ulong)replay!.Value) : null, lsn, replay, paused, problem);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            _failure = e;
            return _latest with
            {
                PrimaryLsn = primaryLsn ?? _latest.PrimaryLsn,
                Problem = e is OperationCanceledException ? $"{sampling} did not answer within {SampleTimeout.TotalSeconds:0} s" : $"{sampling} could not be read ({e.GetType().Name})",
            };
        }
    }

    static async Task<T> ReadAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return read(reader);
    }
}
