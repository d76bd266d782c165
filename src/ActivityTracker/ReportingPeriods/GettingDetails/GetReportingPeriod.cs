using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Dashboards;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.ReportingPeriods.GettingDetails;

/// <summary>
/// A reporting period "as reported at close" next to "current". <see cref="AtClose"/> is the
/// figures of the activities dated in the period (by actual start, else planned start) as the
/// store stood at <see cref="ClosedAt"/>; <see cref="Current"/> the same selection now;
/// <see cref="Adjustments"/> the restating events on those activities since the close. A period
/// that is not closed has no <see cref="AtClose"/> and no adjustments. <see cref="Scope"/> is
/// <c>complete</c>, or <c>filtered</c> when the user's programmes or countries leave some out.
/// </summary>
/// <param name="Version">The period stream's version, sent back to reopen it; 0 when it was never closed.</param>
public sealed record ReportingPeriodView(
    string Period,
    DateOnly FirstDay,
    DateOnly LastDay,
    bool Closed,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    string? Note,
    long Version,
    string Scope,
    Figures? AtClose,
    Figures Current,
    IReadOnlyList<Restatement> Adjustments);

public static class GetReportingPeriodEndpoint
{
    /// <summary>
    /// A period (<c>2019</c> or <c>2019-Q1</c>): whether it is closed, by whom and when, its figures
    /// as reported at close and as they are now, and the adjustments made since the close.
    /// </summary>
    [Authorize(Roles = Roles.Any)]
    [WolverineGet("/api/reporting-periods/{period}", Name = "GetReportingPeriod"), Tags("Reporting periods")]
    [ProducesResponseType<ReportingPeriodView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Get(string period, IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (errors.Period("period", period) is not { } canonical)
            return Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Messages.Text("Problem_PeriodInvalid"));

        return Results.Ok(await ReportingPeriodViews.ReadAsync(session, canonical, AccessScope.Of(user), ct));
    }
}

/// <summary>A reporting period as the API and the page show it, read from the dashboards' query service.</summary>
public static class ReportingPeriodViews
{
    /// <summary>The view of a valid period for a user's scope; the UI shows the same.</summary>
    public static async Task<ReportingPeriodView> ReadAsync(IQuerySession session, string canonical, AccessScope scope, CancellationToken ct)
    {
        var state = await session.LoadAsync<ReportingPeriodDetails>(ReportingPeriod.IdFor(canonical), ct);
        var (first, last) = PeriodSpelling.Days(canonical);
        var inPeriod = new DashboardFilter(first, last, null, null, null, null);
        async Task<Figures> FiguresAsync(DashboardFilter at) => (await DashboardCube.ReadAsync(session, at, scope, [], ct)).Total().AllReported;
        var current = await FiguresAsync(inPeriod);

        Figures? atClose = null;
        IReadOnlyList<Restatement> adjustments = [];
        if (state is { Closed: true, ClosedAt: { } closedAt })
        {
            atClose = await FiguresAsync(inPeriod with { AsOf = closedAt });
            // Restating events of activities in the period before or after them: one that moved into or out of it is an adjustment too.
            adjustments = await RestatingEvents.BetweenAsync(session, closedAt, until: null, activities: null,
                a => inPeriod.Matches(a) && scope.Covers(a.ProgrammeCode, a.Location.CountryCode, a.ParticipatingCountries), ct);
        }

        return new ReportingPeriodView(canonical, first, last, state?.Closed ?? false, state?.ClosedAt, state?.ClosedBy, state?.Note,
            state?.Version ?? 0, scope.Coverage, atClose, current, adjustments);
    }
}
