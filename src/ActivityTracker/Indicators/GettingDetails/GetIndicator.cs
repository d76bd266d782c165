using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Indicators.GettingDetails;

public static class GetIndicatorEndpoint
{
    /// <summary>One indicator as currently defined, by its code (any case).</summary>
    [WolverineGet("/api/indicators/{code}", Name = "GetIndicator"), Tags("Indicators")]
    [ProducesResponseType<IndicatorDefinition>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(string code, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<IndicatorDefinition>(IndicatorDefinition.IdFor(code), ct) is { } indicator
            ? Results.Ok(indicator)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.About("indicator", "Problem_NotFound"),
                detail: Messages.About("indicator", "Problem_NoSuchCode", code));
}
