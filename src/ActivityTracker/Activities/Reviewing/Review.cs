using System.Security.Claims;
using ActivityTracker.Activities.Duplicates;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using ActivityTracker.Organisations;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Activities.Reviewing;

// Review: Draft or SentBack --submit--> Submitted --approve--> Approved
//                                       Submitted --send back (reason)--> SentBack
// Approved or cancelled --reopen (reason)--> Draft. Facts change only in Draft or SentBack.

/// <summary>Submit the activity for a manager's review.</summary>
public sealed record SubmitForReview(long? Version)
{
    public static Decision Decide(ActivityDetails activity) => activity switch
    {
        { IsCancelled: true } => Decision.Refuse(Messages.Text("SubmitCancelled")),
        { Review: ReviewState.Submitted } => Decision.Refuse(Messages.Text("AlreadySubmitted")),
        { Review: ReviewState.Approved } => Decision.Refuse(Messages.Text("AlreadyApproved")),
        _ => Decision.Append(new SubmittedForReview(activity.Id)),
    };
}

/// <summary>
/// Approve the activity exactly as it stands at <paramref name="Version"/>: the version
/// check makes an approval of a report that changed since it was read impossible. Whoever
/// recorded or submitted it cannot approve it (separation of duties).
/// </summary>
public sealed record ApproveActivity(long? Version)
{
    public static Decision Decide(ActivityDetails activity, string approver) => activity switch
    {
        { IsCancelled: true } => Decision.Refuse(Messages.Text("Cancelled")),
        _ when string.Equals(approver, activity.RecordedBy, StringComparison.OrdinalIgnoreCase)
            || string.Equals(approver, activity.SubmittedBy, StringComparison.OrdinalIgnoreCase)
            => Decision.Refuse(Messages.Text("SeparationOfDuties")),
        { Review: ReviewState.Submitted } => Decision.Append(new ActivityApproved(activity.Id, activity.Version)),
        { Review: ReviewState.Approved } => Decision.Refuse(Messages.Text("AlreadyApproved")),
        _ => Decision.Refuse(Messages.Text("ApproveNotSubmitted")),
    };
}

/// <summary>Send a submitted activity back to its officer, saying what to fix.</summary>
public sealed record SendBack(long? Version, string? Reason)
{
    public Decision Decide(ActivityDetails activity)
    {
        if (activity.Review != ReviewState.Submitted || activity.IsCancelled)
            return Decision.Refuse(Messages.Text("SendBackNotSubmitted"));
        var errors = new FieldErrors();
        var reason = errors.Text("reason", Reason, FieldRules.ReasonMaxLength, true, Messages.Text("What_Reason"));
        return Decision.Check(errors, () => [new Activities.SentBack(activity.Id, reason!)]);
    }
}

/// <summary>The answer to a submission: the activity's id and new version, and the activities it may duplicate.</summary>
public sealed record SubmittedActivity(Guid Id, long Version, IReadOnlyList<LikelyDuplicate> LikelyDuplicates);

/// <summary>The answer to an approval: the activity's id and new version, and its partners still awaiting an administrator's confirmation.</summary>
public sealed record ApprovedActivity(Guid Id, long Version, IReadOnlyList<string> PendingPartners);

public static class ReviewEndpoints
{
    /// <summary>Submits the activity for review.</summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/activities/{id}/submit", Name = "SubmitForReview"), Tags("Review")]
    [StreamCommand(Accepted = typeof(SubmittedActivity))]
    public static async Task<IResult> Submit(Guid id, SubmitForReview command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var answer = await CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, SubmitForReview.Decide, ct));
        if (answer is not Microsoft.AspNetCore.Http.HttpResults.Ok<Commands.CommandAccepted> { Value: { } accepted }
            || await session.LoadAsync<ActivityDetails>(id, ct) is not { } activity)
            return answer;
        // Before a reviewer sees it: the activities it may duplicate, as its case file names them.
        var duplicates = await LikelyDuplicates.FindAsync(session, DuplicateProbe.Of(activity), Access.AccessScope.Of(user), ct);
        return Results.Ok(new SubmittedActivity(accepted.Id, accepted.Version, duplicates));
    }

    /// <summary>
    /// Approves the activity as of the version sent. A partner an officer proposed and no administrator has confirmed yet does not
    /// hold the approval up (the figures follow a later merge); the answer names such partners in <c>pendingPartners</c>.
    /// </summary>
    [Authorize(Roles = ActivityAccess.Managers)]
    [WolverinePost("/api/activities/{id}/approve", Name = "ApproveActivity"), Tags("Review")]
    [StreamCommand(Accepted = typeof(ApprovedActivity))]
    public static async Task<IResult> Approve(Guid id, ApproveActivity command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var answer = await CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, a => ApproveActivity.Decide(a, user.Identity?.Name ?? ""), ct));
        if (answer is not Microsoft.AspNetCore.Http.HttpResults.Ok<Commands.CommandAccepted> { Value: { } accepted }
            || await session.LoadAsync<ActivityDetails>(id, ct) is not { } activity)
            return answer;
        var pending = await OrganisationDirectory.PendingAsync(session, activity.Partners.Select(p => p.OrganisationCode), ct);
        return Results.Ok(new ApprovedActivity(accepted.Id, accepted.Version, pending));
    }

    /// <summary>Sends the activity back to its officer with a reason.</summary>
    [Authorize(Roles = ActivityAccess.Managers)]
    [WolverinePost("/api/activities/{id}/send-back", Name = "SendBack"), Tags("Review")]
    [StreamCommand]
    public static Task<IResult> SendBack(Guid id, SendBack command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct) =>
        CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, command.Decide, ct));
}
