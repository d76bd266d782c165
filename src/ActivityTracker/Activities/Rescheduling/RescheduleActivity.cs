using System.Security.Claims;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Activities.Rescheduling;

/// <summary>Move the planned dates of an activity that has not taken place yet.</summary>
/// <param name="Version">The version of the activity you last read.</param>
public sealed record RescheduleActivity(long? Version, DateOnly? PlannedStart, DateOnly? PlannedEnd, string? Reason = null)
{
    public Decision Decide(ActivityDetails activity)
    {
        if (ActivityRules.WhyFrozen(activity) is { } frozen)
            return Decision.Refuse(frozen);
        if (activity.IsHeld)
            return Decision.Refuse(Messages.Text("AlreadyHeld", activity.ActualStart));

        var errors = new FieldErrors();
        errors.When(PlannedStart is null && PlannedEnd is null, "plannedStart", Messages.Text("RescheduleNeedsDate"));
        ActivityRules.Period(errors, "plannedEnd", PlannedStart ?? activity.PlannedStart, PlannedEnd ?? activity.PlannedEnd);
        var reason = errors.Text("reason", Reason, FieldRules.ReasonMaxLength, false, Messages.Text("What_Reason"));
        return Decision.Check(errors, () =>
            [new ActivityRescheduled(activity.Id, PlannedStart ?? activity.PlannedStart, PlannedEnd ?? activity.PlannedEnd, reason)]);
    }
}

public static class RescheduleActivityEndpoint
{
    /// <summary>Moves the planned dates.</summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/activities/{id}/reschedule", Name = "RescheduleActivity"), Tags("Activities")]
    [StreamCommand]
    public static Task<IResult> Post(Guid id, RescheduleActivity command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct) =>
        CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, command.Decide, ct));
}
