using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.ReportingPeriods.Reopening;

/// <summary>Reopen a closed reporting period, saying why; closing it again takes the figures as they stand then.</summary>
/// <param name="Version">The version of the period you last read (optimistic concurrency).</param>
/// <param name="Reason">Why it is reopened, at most 500 characters.</param>
public sealed record ReopenReportingPeriod(long? Version, string? Reason)
{
    public Decision Decide(ReportingPeriodDetails period)
    {
        if (!period.Closed)
            return Decision.Refuse(Messages.Text("PeriodNotClosed", period.Period));
        var errors = new FieldErrors();
        var reason = errors.Text("reason", Reason, FieldRules.ReasonMaxLength, true, Messages.Text("What_Reason"));
        return Decision.Check(errors, () => [new ReportingPeriodReopened(period.Period, reason!)]);
    }
}

public static class ReopenReportingPeriodEndpoint
{
    /// <summary>Reopens a closed reporting period with a reason; 404 for a period never closed, 409 for one that is open.</summary>
    [Authorize(Roles = Roles.Manager)]
    [WolverinePost("/api/reporting-periods/{period}/reopen", Name = "ReopenReportingPeriod"), Tags("Reporting periods")]
    [StreamCommand]
    public static async Task<IResult> Post(string period, ReopenReportingPeriod command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (errors.Period("period", period) is null)
            return Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Messages.About("reporting period", "Problem_NotChangedInvalid"));
        if (!ReportingPeriod.MayCloseAndReopen(AccessScope.Of(user)))
            return ReportingPeriod.OutsideScope();
        return await session.DecideAsync<ReportingPeriodDetails>("reporting period", ReportingPeriod.IdFor(period), command.Version,
            command.Decide, StreamCommands.Everyone, ct);
    }
}
