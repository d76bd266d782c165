using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Breakdowns.GettingDetails;

public static class GetBreakdownEndpoint
{
    /// <summary>One breakdown dimension as currently defined, by its code (any case).</summary>
    [WolverineGet("/api/breakdowns/{code}", Name = "GetBreakdown"), Tags("Breakdowns")]
    [ProducesResponseType<BreakdownDimension>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(string code, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<BreakdownDimension>(BreakdownDimension.IdFor(code), ct) is { } dimension
            ? Results.Ok(dimension)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.About("breakdown", "Problem_NotFound"),
                detail: Messages.About("breakdown", "Problem_NoSuchCode", code));
}
