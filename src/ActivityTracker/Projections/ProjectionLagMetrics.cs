using System.Diagnostics.Metrics;

namespace ActivityTracker.Projections;

/// <summary>
/// Projection lag as metrics (meter <c>ActivityTracker</c>): the gauges
/// <c>activitytracker.projection.lag.events</c> and <c>activitytracker.projection.lag.seconds</c>,
/// one measurement per shard (tag <c>shard</c>). They report the monitor's latest reading, which
/// this service refreshes every <see cref="Interval"/> (and every readiness probe refreshes too).
/// </summary>
public sealed class ProjectionLagMetrics : BackgroundService
{
    public const string MeterName = "ActivityTracker";
    public const string LagEvents = "activitytracker.projection.lag.events";
    public const string LagSeconds = "activitytracker.projection.lag.seconds";
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    readonly ProjectionLagMonitor _monitor;
    readonly ILogger<ProjectionLagMetrics> _logger;

    public ProjectionLagMetrics(IMeterFactory meters, ProjectionLagMonitor monitor, ILogger<ProjectionLagMetrics> logger)
    {
        _monitor = monitor;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(LagEvents,
            () => monitor.Latest.Select(l => new Measurement<long>(l.LagEvents, Shard(l))),
            unit: "{event}", description: "Events stored after the last one the shard processed.");
        meter.CreateObservableGauge(LagSeconds,
            () => monitor.Latest.Select(l => new Measurement<double>(l.LagSeconds, Shard(l))),
            unit: "s", description: "Age of the oldest event the shard has not processed; 0 when caught up.");
    }

    static KeyValuePair<string, object?> Shard(ShardLag lag) => new("shard", lag.Shard);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await _monitor.MeasureAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database outage shows in /health/ready; the gauges keep the last reading until the next one succeeds.
                _logger.LogWarning(e, "Could not measure the projection lag");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class ProjectionLagRegistration
{
    /// <summary>The lag monitor, its readiness check (tag <paramref name="readyTag"/>) and the gauges.</summary>
    public static IHealthChecksBuilder AddProjectionLag(this IHealthChecksBuilder health, string readyTag)
    {
        health.Services.AddOptions<ProjectionLagOptions>().BindConfiguration("Projections");
        health.Services.AddSingleton<ProjectionLagMonitor>();
        health.Services.AddHostedService<ProjectionLagMetrics>();
        // A failing read (the database is down) is the postgres check's to report as Unhealthy.
        return health.AddCheck<ProjectionLagHealthCheck>(ProjectionLagHealthCheck.Name, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, [readyTag]);
    }
}
