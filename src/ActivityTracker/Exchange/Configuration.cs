using ActivityTracker.Exchange.Imports;
using Marten;
using Wolverine;

namespace ActivityTracker.Exchange;

public static class ExchangeConfiguration
{
    public static IServiceCollection AddExchange(this IServiceCollection services)
    {
        // Read when the host is built, so tests and deployments can set them.
        services.AddOptions<ImportLimits>().BindConfiguration(ImportLimits.Section);
        return services
            .AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ImportLimits>>().Value)
            .AddSingleton<ImportQueue>()
            .AddSingleton<ImportRunner>();
    }

    /// <summary>
    /// A few imports run at once per node (<see cref="ImportLimits.Parallel"/>): each works in batches, so more would
    /// only compete for the database, but one alone would let a single slow file hold up everyone else's.
    /// </summary>
    public static WolverineOptions ConfigureImports(this WolverineOptions options, IConfiguration configuration)
    {
        options.LocalQueueFor<RunImport>().MaximumParallelMessages(Math.Max(2, ImportLimits.From(configuration).Parallel));
        return options;
    }

    public static StoreOptions ConfigureExchange(this StoreOptions options)
    {
        options.Schema.For<ImportJob>().Index(j => j.Requester.UserName);
        options.Schema.For<ImportProblem>().Index(p => p.ImportId);
        options.Schema.For<ImportFilePiece>().Index(p => p.ImportId);
        // Registered, not discovered on first use: production applies the schema as a deploy step (db-apply).
        options.Schema.For<ImportCancellation>();
        return options;
    }
}
