using Marten;
using Wolverine.Http;

namespace ActivityTracker.Indicators.Listing;

public static class ListIndicatorsEndpoint
{
    /// <summary>Every indicator, by code.</summary>
    [WolverineGet("/api/indicators", Name = "ListIndicators"), Tags("Indicators")]
    public static Task<IReadOnlyList<IndicatorDefinition>> Get(IQuerySession session, CancellationToken ct) =>
        session.Query<IndicatorDefinition>().OrderBy(i => i.Code).ToListAsync(ct);
}
