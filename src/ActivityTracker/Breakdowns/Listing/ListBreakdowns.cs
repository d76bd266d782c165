using Marten;
using Wolverine.Http;

namespace ActivityTracker.Breakdowns.Listing;

public static class ListBreakdownsEndpoint
{
    /// <summary>Every breakdown dimension, by code.</summary>
    [WolverineGet("/api/breakdowns", Name = "ListBreakdowns"), Tags("Breakdowns")]
    public static Task<IReadOnlyList<BreakdownDimension>> Get(IQuerySession session, CancellationToken ct) =>
        session.Query<BreakdownDimension>().OrderBy(d => d.Code).ToListAsync(ct);
}
