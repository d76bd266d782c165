using ActivityTracker.Exchange.Imports;
using Marten;
using Wolverine;

namespace ActivityTracker.Exchange;

public static class ExchangeConfiguration
{
    public static IServiceCollection AddExchange(this IServiceCollection services) => services
        .AddSingleton<ImportQueue>()
        .AddSingleton<ImportRunner>();

    /// <summary>Imports run one at a time per node: each already works in batches, and a second would only compete for the database.</summary>
    public static WolverineOptions ConfigureImports(this WolverineOptions options)
    {
        options.LocalQueueFor<RunImport>().Sequential();
        return options;
    }

    public static StoreOptions ConfigureExchange(this StoreOptions options)
    {
        options.Schema.For<ImportJob>().Index(j => j.Requester.UserName);
        options.Schema.For<ImportProblem>().Index(p => p.ImportId);
        options.Schema.For<ImportFilePiece>().Index(p => p.ImportId);
        return options;
    }
}
