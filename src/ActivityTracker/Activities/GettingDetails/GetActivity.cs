using System.Security.Claims;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Activities.GettingDetails;

public static class GetActivityEndpoint
{
    /// <summary>One activity as last recorded.</summary>
    [WolverineGet("/api/activities/{id}", Name = "GetActivity"), Tags("Activities")]
    [ProducesResponseType<ActivityDetails>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (activity, refusal) = await ReadableAsync(session, user, id, ct);
        return refusal ?? Results.Ok(activity);
    }

    /// <summary>
    /// The activity as <paramref name="user"/> may read it, or the answer that says why not: 404 when there is none, 403 when it is
    /// outside their scope. Every read of one activity's parts (its case file, history, likely duplicates) starts here.
    /// </summary>
    public static async Task<(ActivityDetails? Activity, IResult? Refusal)> ReadableAsync(IQuerySession session, ClaimsPrincipal user, Guid id,
        CancellationToken ct) => await session.LoadAsync<ActivityDetails>(id, ct) switch
        {
            null => (null, Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.About("activity", "Problem_NoSuch"),
                detail: Messages.About("activity", "Problem_NoSuchId", id))),
            var activity when !user.MayAccess(activity) => (null, CommandAnswers.OutsideScope("activity")),
            var activity => (activity, null),
        };
}
