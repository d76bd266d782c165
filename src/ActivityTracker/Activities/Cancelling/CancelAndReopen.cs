using System.Security.Claims;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Activities.Cancelling;

/// <summary>Cancel the activity, with a reason. An approved activity must be reopened first.</summary>
public sealed record CancelActivity(long? Version, string? Reason)
{
    public Decision Decide(ActivityDetails activity)
    {
        if (activity.IsCancelled)
            return Decision.Refuse(Messages.Text("AlreadyCancelled"));
        if (activity.Review == ReviewState.Approved)
            return Decision.Refuse(Messages.Text("CancelApproved"));
        var errors = new FieldErrors();
        var reason = errors.Text("reason", Reason, FieldRules.ReasonMaxLength, true, Messages.Text("What_Reason"));
        return Decision.Check(errors, () => [new ActivityCancelled(activity.Id, reason!)]);
    }
}

/// <summary>Open an approved or cancelled activity for changes again, with a reason; it returns to draft.</summary>
public sealed record ReopenActivity(long? Version, string? Reason)
{
    public Decision Decide(ActivityDetails activity)
    {
        if (!activity.IsCancelled && activity.Review != ReviewState.Approved)
            return Decision.Refuse(Messages.Text("ReopenOpen"));
        var errors = new FieldErrors();
        var reason = errors.Text("reason", Reason, FieldRules.ReasonMaxLength, true, Messages.Text("What_Reason"));
        return Decision.Check(errors, () => [new ActivityReopened(activity.Id, reason!)]);
    }
}

public static class CancelAndReopenEndpoints
{
    /// <summary>Cancels the activity.</summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/activities/{id}/cancel", Name = "CancelActivity"), Tags("Activities")]
    [StreamCommand]
    public static Task<IResult> Cancel(Guid id, CancelActivity command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct) =>
        CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, command.Decide, ct));

    /// <summary>Reopens an approved or cancelled activity.</summary>
    [Authorize(Roles = ActivityAccess.Managers)]
    [WolverinePost("/api/activities/{id}/reopen", Name = "ReopenActivity"), Tags("Review")]
    [StreamCommand]
    public static Task<IResult> Reopen(Guid id, ReopenActivity command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct) =>
        CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, command.Decide, ct));
}
