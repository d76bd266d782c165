using Marten;
using Wolverine.Http;

namespace ActivityTracker.Programmes.Listing;

public static class ListProgrammesEndpoint
{
    /// <summary>Every programme with its countries and current targets, by code.</summary>
    // Named apart from GET /api/reference/programmes ("ListProgrammes"), the code list it replaces.
    [WolverineGet("/api/programmes", Name = "ListAllProgrammes"), Tags("Programmes")]
    public static Task<IReadOnlyList<ProgrammeDetails>> Get(IQuerySession session, CancellationToken ct) =>
        session.Query<ProgrammeDetails>().OrderBy(p => p.Code).ToListAsync(ct);
}
