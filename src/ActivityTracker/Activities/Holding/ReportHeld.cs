using System.Security.Claims;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Activities.Holding;

/// <summary>
/// Say that the activity took place, and when: from a start to an end, or on separate days (<paramref name="Sessions"/>, which
/// then make the start and end). Changing dates already reported needs a correction reason.
/// </summary>
public sealed record ReportHeld(long? Version, DateOnly? ActualStart, DateOnly? ActualEnd, CorrectionInput? Correction = null,
    IReadOnlyList<SessionInput>? Sessions = null)
{
    public Decision Decide(ActivityDetails activity, DateOnly today)
    {
        if (ActivityRules.WhyFrozen(activity) is { } frozen)
            return Decision.Refuse(frozen);

        var errors = new FieldErrors();
        var (sessions, start, end) = ActivityRules.Sessions(errors, Sessions, ActualStart, ActualEnd, today);
        errors.When(start is null && Sessions is not { Count: > 0 }, "actualStart", Messages.Text("ActualStartRequired"));
        ActivityRules.ActualDates(errors, "actual", start, end, today);
        var correction = ActivityRules.Correction(errors, "correction", Correction, activity.IsHeld,
            Messages.Text("Correction_Held", activity.ActualStart));
        return Decision.Check(errors, () => [new ActivityHeld(activity.Id, start!.Value, end, correction, sessions.Count > 0 ? sessions : null)]);
    }
}

public static class ReportHeldEndpoint
{
    /// <summary>Reports the actual dates (the activity was held).</summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/activities/{id}/held", Name = "ReportHeld"), Tags("Activities")]
    [StreamCommand]
    public static Task<IResult> Post(Guid id, ReportHeld command, IDocumentSession session, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, a => command.Decide(a, clock.Today()), ct));
}
