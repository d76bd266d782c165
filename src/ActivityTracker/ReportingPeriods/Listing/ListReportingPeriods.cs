using ActivityTracker.Access;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.ReportingPeriods.Listing;

public static class ListReportingPeriodsEndpoint
{
    /// <summary>Every period ever closed, by period: closed ones with when and by whom, reopened ones with why.</summary>
    [Authorize(Roles = Roles.Any)]
    [WolverineGet("/api/reporting-periods", Name = "ListReportingPeriods"), Tags("Reporting periods")]
    public static Task<IReadOnlyList<ReportingPeriodDetails>> Get(IQuerySession session, CancellationToken ct) =>
        session.Query<ReportingPeriodDetails>().OrderBy(p => p.Period).ToListAsync(ct);
}
