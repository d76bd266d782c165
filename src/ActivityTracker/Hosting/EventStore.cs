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
        });

        builder.Services.AddMarten(sp => StoreOptions(sp.GetRequiredService<IConfiguration>().PostgresConnectionString()))
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

    /// <summary>
    /// The event store's configuration: schema, serialization, metadata and every projection. The
    /// app registers it with Wolverine's integration on top; tools (the benchmarks' bulk loads)
    /// build a <see cref="DocumentStore"/> from the same options so they write what the app writes.
    /// </summary>
    public static StoreOptions StoreOptions(string connectionString)
    {
        var options = new StoreOptions();
        options.Connection(connectionString);
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        // Marten tables in their own schema; Wolverine's inbox/outbox in "wolverine".
        options.DatabaseSchemaName = "marten";
        // Who, why and in which request: user name, correlation and causation ids, headers.
        options.Events.MetadataConfig.EnableAll();
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.ConfigureActivities();
        options.ConfigureProgrammes();
        options.ConfigureOrganisations();
        options.ConfigureIndicators();
        options.ConfigureDashboards();
        options.ConfigureReportingPeriods();
        options.ConfigureExchange();
        return options;
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
