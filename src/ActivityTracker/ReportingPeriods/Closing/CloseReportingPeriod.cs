using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.ReportingPeriods.Closing;

/// <summary>Close a reporting period: the figures as they stand at the close are the ones reported for it.</summary>
/// <param name="Note">What the close is for, e.g. the report the figures went into; optional, at most 500 characters.</param>
public sealed record CloseReportingPeriod(string? Note)
{
    /// <param name="period">The period as written in the request: a year (<c>2019</c>) or a quarter (<c>2019-Q1</c>).</param>
    /// <param name="state">The period's current state; null when it was never closed.</param>
    public Decision Decide(string period, ReportingPeriodDetails? state)
    {
        var errors = new FieldErrors();
        var canonical = errors.Period("period", period);
        var note = errors.Text("note", Note, FieldRules.ReasonMaxLength, false, Messages.Text("What_Note"));
        if (!errors.IsEmpty)
            return new Decision.Invalid(errors);
        if (state is { Closed: true })
            return Decision.Refuse(Messages.Text("PeriodAlreadyClosed", canonical, state.ClosedBy, state.ClosedAt));
        return Decision.Append(new ReportingPeriodClosed(canonical!, note));
    }
}

public static class CloseReportingPeriodEndpoint
{
    /// <summary>
    /// Closes a reporting period, a year (<c>2019</c>) or a quarter (<c>2019-Q1</c>): the figures of
    /// the activities dated in it, as they stand now, are the ones reported. 409 when it is already closed.
    /// </summary>
    [Authorize(Roles = Roles.Manager)]
    [WolverinePost("/api/reporting-periods/{period}/close", Name = "CloseReportingPeriod"), Tags("Reporting periods")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(string period, CloseReportingPeriod command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!ReportingPeriod.MayCloseAndReopen(AccessScope.Of(user)))
            return ReportingPeriod.OutsideScope();
        return await session.DecideOrStartAsync<ReportingPeriodDetails>("reporting period", ReportingPeriod.IdFor(period),
            state => command.Decide(period, state), ct);
    }
}
