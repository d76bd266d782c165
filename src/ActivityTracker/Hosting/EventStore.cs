using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using ActivityTracker.Exchange;
using ActivityTracker.Indicators;
using ActivityTracker.Organisations;
using ActivityTracker.Programmes;
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
    public static WebApplicationBuilder AddEventStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => ReferenceData.Load(SeedFile.DefaultDirectory));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddExchange();

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
                var options = new StoreOptions();
                options.Connection(sp.GetRequiredService<IConfiguration>().PostgresConnectionString());
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                // Marten tables in their own schema; Wolverine's inbox/outbox in "wolverine".
                options.DatabaseSchemaName = "marten";
                // Who, why and in which request: user name, correlation and causation ids, headers.
                options.Events.MetadataConfig.EnableAll();
                options.Events.MetadataConfig.UserNameEnabled = true;
                // The daemon hears of each append at once (LISTEN/NOTIFY) instead of polling every 250 ms
                // to 1 s: dashboards show a write well within half a second (deploy/bench.sh, P4).
                options.Events.UseListenNotifyForEventAppends = true;
                options.ConfigureActivities();
                options.ConfigureProgrammes();
                options.ConfigureOrganisations();
                options.ConfigureIndicators();
                options.ConfigureDashboards();
                options.ConfigureReportingPeriods();
                options.ConfigureExchange();
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
            opts.ConfigureImports();
        });
        builder.Services.AddWolverineHttp();
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapWolverineEndpoints(o =>
        {
            o.WarmUpRoutes = RouteWarmup.Eager;
            // `?page=abc` answers 400 naming the parameter instead of silently reading 0.
            o.RejectUnparseableQueryValues = true;
            // A writer that slips in between our version check and the commit: 409, not 500.
            o.MapMartenConcurrencyFailuresToConflict();
        });
        return app;
    }
}
