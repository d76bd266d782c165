using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Activities.Duplicates;

public static class GetLikelyDuplicatesEndpoint
{
    /// <summary>
    /// The activities this one may duplicate (<see cref="LikelyDuplicates"/>), among those the user reads; none for a cancelled one
    /// or one already marked a duplicate (it counts nowhere, and its case file names the original instead).
    /// A read of its own, asked after recording (the case file shows the same): measured twice, the lookup inside the request of
    /// recording cut its throughput by a third (quick runs), then to a fifth (P1 at full size, 2026-12-08).
    /// </summary>
    [WolverineGet("/api/activities/{id}/likely-duplicates", Name = "GetLikelyDuplicates"), Tags("Activities")]
    [ProducesResponseType<LikelyDuplicate[]>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, ClaimsPrincipal user, CancellationToken ct) =>
        await GetActivityEndpoint.ReadableAsync(session, user, id, ct) switch
        {
            (_, { } refusal) => refusal,
            ({ IsCancelled: true } or { DuplicateOf: not null }, _) => Results.Ok(Array.Empty<LikelyDuplicate>()),
            var (activity, _) => Results.Ok(await LikelyDuplicates.FindAsync(session, DuplicateProbe.Of(activity!), AccessScope.Of(user), ct)),
        };
}
