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
    public static async Task<IResult> Get(Guid id, IQuerySession session, ClaimsPrincipal user, CancellationToken ct) =>
        await session.LoadAsync<ActivityDetails>(id, ct) switch
        {
            null => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.About("activity", "Problem_NoSuch"), detail: Messages.About("activity", "Problem_NoSuchId", id)),
            var activity when !user.MayAccess(activity) => CommandAnswers.OutsideScope("activity"),
            var activity => Results.Ok(activity),
        };
}
