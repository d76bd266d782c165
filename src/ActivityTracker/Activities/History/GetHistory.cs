using System.Security.Claims;
using ActivityTracker.Activities.GettingDetails;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Activities.History;

/// <summary>One event of an activity's history: what happened, by whom, when, in which request.</summary>
public sealed record HistoryEntry(long Version, long Sequence, string Type, object Data, DateTimeOffset Timestamp, string? UserName, string? CorrelationId);

public static class GetHistoryEndpoint
{
    /// <summary>Every event of the activity, oldest first.</summary>
    [WolverineGet("/api/activities/{id}/history", Name = "GetActivityHistory"), Tags("Activities")]
    [ProducesResponseType<HistoryEntry[]>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        if ((await GetActivityEndpoint.ReadableAsync(session, user, id, ct)).Refusal is { } refusal)
            return refusal;
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return Results.Ok(events.Select(e => new HistoryEntry(e.Version, e.Sequence, e.Data.GetType().Name, e.Data, e.Timestamp, e.UserName, e.CorrelationId)));
    }
}
