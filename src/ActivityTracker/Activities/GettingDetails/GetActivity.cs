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
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ActivityDetails>(id, ct) is { } activity
            ? Results.Ok(activity)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such activity",
                detail: $"No activity has the id {id}.");
}
