using ActivityTracker.Activities;
using ActivityTracker.Breakdowns;
using ActivityTracker.Cluster;
using ActivityTracker.Dashboards;
using ActivityTracker.Exchange;
using ActivityTracker.Indicators;
using ActivityTracker.Kinds;
using ActivityTracker.Organisations;
using ActivityTracker.Programmes;
using ActivityTracker.Projections;
using ActivityTracker.Reference;
using ActivityTracker.ReportingPeriods;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events.Daemon;
using Marten;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace ActivityTracker.Hosting;

/// <summary>Marten (events + read models) and Wolverine (commands, HTTP, durable messaging) on one PostgreSQL database.</summary>
public static class EventStore
{
    /// <summary>How old a hole in the event sequence must be before the daemon moves past it (see <see cref="AddEventStore"/>).</summary>
    public static readonly TimeSpan StaleSequenceThreshold = TimeSpan.FromSeconds(6);

    public static WebApplicationBuilder AddEventStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => ReferenceData.Load(SeedFile.DefaultDirectory));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddExchange();
        var cluster = ClusterOptions.From(builder.Configuration);
        builder.Services.AddSingleton(cluster);

        // Development and tests compile Wolverine/Marten's generated code at start-up; the
        // production image pre-generates it (`codegen write` in deploy/Dockerfile) and loads it statically.
        builder.Services.CritterStackDefaults(x =>
        {
            x.Development.GeneratedCodeMode = TypeLoadMode.Dynamic;
            x.Production.GeneratedCodeMode = TypeLoadMode.Static;
            x.Production.AssertAllPreGeneratedTypesExist = true;
            // Outside Development the schema is a deploy step (`db-apply`), not a side effect of a node starting.
            x.Development.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
            x.Production.ResourceAutoCreate = AutoCreate.None;
        });

        builder.Services.AddMarten(sp =>
            {
                var options = StoreOptions(sp.GetRequiredService<IConfiguration>());
                // This node's live list of activity kinds follows its own commits at once, other nodes' within KindDirectory.Interval.
                options.Listeners.Add(new KindCommits(sp.GetRequiredService<ReferenceData>()));
                return options;
            })
            .UseLightweightSessions()
            // HotCold: one node runs the projections, another takes over if it dies.
            .AddAsyncDaemon(DaemonMode.HotCold)
            .IntegrateWithWolverine(w => w.MessageStorageSchemaName = "wolverine");

        builder.Host.UseWolverine(opts =>
        {
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            opts.Policies.UseDurableInboxOnAllListeners();
            opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
            opts.EnableRelayOfUserName = true;
            // Idempotency-Key on POST /api/activities: a retried request gets the first response.
            opts.Durability.EnableDeduplicatedResponses = true;
            opts.ConfigureImports(builder.Configuration);
            cluster.ApplyTo(opts.Durability);
        });
        builder.Services.AddWolverineHttp();
        builder.Services.AddHostedService<KindDirectory>();
        return builder;
    }

    /// <summary>
    /// The event store's configuration: schema, serialization, metadata and every projection. The
    /// app registers it with Wolverine's integration on top; tools (the benchmarks' bulk loads)
    /// build a <see cref="DocumentStore"/> from the same options so they write what the app writes.
    /// </summary>
    public static StoreOptions StoreOptions(IConfiguration configuration) => StoreOptions(configuration.PostgresConnectionString(),
        configuration.GetValue(DashboardProjection.EventsPerPeriodSetting, DashboardPeriods.DefaultEventsPerPeriod));

    /// <inheritdoc cref="StoreOptions(IConfiguration)"/>
    /// <param name="eventsPerPeriod">See <see cref="DashboardPeriods"/>: tests set fewer, to keep periods within a month.</param>
    public static StoreOptions StoreOptions(string connectionString, long eventsPerPeriod = DashboardPeriods.DefaultEventsPerPeriod)
    {
        var options = new StoreOptions();
        options.Connection(connectionString);
        // Gaps in the event sequence: an append draws sequence numbers inside its transaction, so a
        // transaction still open (or one that rolled back, or a server crash mid-commit) leaves a hole
        // below events that are already committed. The daemon's high-water mark waits at such a hole
        // until it is older than this threshold, then moves past it. Moving past a hole whose owner
        // later commits would skip that event for good. The owner cannot: every app session has
        // idle_in_transaction_session_timeout (Database.IdleInTransactionTimeout) well below
        // this threshold, and an append is one round trip, so by the time the mark moves on, the
        // owner has committed (no hole) or the server has ended its session (rolled back: nothing to skip).
        // 6 s is also the worst extra delay a real hole adds to the dashboards.
        options.Projections.StaleSequenceThreshold = StaleSequenceThreshold;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        // Marten tables in their own schema; Wolverine's inbox/outbox in "wolverine".
        options.DatabaseSchemaName = "marten";
        // Who, why and in which request: user name, correlation and causation ids, headers.
        options.Events.MetadataConfig.EnableAll();
        options.Events.MetadataConfig.UserNameEnabled = true;
        // No LISTEN/NOTIFY wake-up for the daemon (UseListenNotifyForEventAppends): PostgreSQL serialises
        // the commits of notifying transactions, which halved the writes a second at 8 clients (517 against
        // 1,188 recordings/s) while the dashboards' lag at 1,000 events/s stayed about the same (p99 1.4 s against 1.1 s).
        // Instead the daemon polls for the highest committed sequence (one small query) every 100 ms, busy
        // or idle: with the defaults (250 ms busy, 1 s idle) a write waited about half a second on average.
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(100);
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(100);
        // HotCold: each standby node tries the daemon's advisory lock this often (ms). Marten's 5 s was most of a
        // takeover (the fault suite's failover test: 2.8-5.7 s from the leader's kill to the dashboards moving on
        // another node); the attempt is one cheap query per standby.
        options.Projections.LeadershipPollingTime = 1000;
        options.ConfigureActivities();
        options.ConfigureProgrammes();
        options.ConfigureOrganisations();
        options.ConfigureIndicators();
        options.ConfigureActivityKinds();
        options.ConfigureBreakdowns();
        options.ConfigureDashboards(eventsPerPeriod);
        options.ConfigureReportingPeriods();
        options.ConfigureExchange();
        // Registered here so db-apply creates its table: outside Development nothing is created on first use.
        options.Schema.For<ProjectionRebuild>();
        return options;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapWolverineEndpoints(o =>
        {
            o.WarmUpRoutes = RouteWarmup.Eager;
            // `?page=abc` answers 400 naming the parameter instead of silently reading 0.
            o.RejectUnparseableQueryValues = true;
            // A writer that slips in between our version check and the commit: 409, not 500. On every
            // chain: the default filter (chains marked transactional when the policy runs) missed the
            // command endpoints, whose lost races answered 500 (found by the fault suite's contention test).
            // The detail is ours, in the request's language: Marten's message names internals.
            o.MapMartenConcurrencyFailuresToConflict(_ => true, _ => new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = Localization.Messages.Text("Problem_ChangedMeanwhile"),
                Detail = Localization.Messages.Text("Problem_ChangedMeanwhileDetail"),
            });
        });
        return app;
    }
}
