using System.Security.Claims;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Activities.Duplicates;

/// <summary>
/// A manager's finding that this activity reports the same one as <paramref name="OriginalId"/> (two officers recorded the
/// same training): with a reason, in any review state. The original must be one the manager reads that still counts, so
/// a mark never points at another duplicate or at a cancelled activity.
/// </summary>
public sealed record MarkDuplicate(long? Version, Guid? OriginalId, string? Reason)
{
    /// <param name="original">The activity <see cref="OriginalId"/> names, when the user may read it; else null.</param>
    public Decision Decide(ActivityDetails activity, ActivityDetails? original)
    {
        if (activity.DuplicateOf is { } marked)
            return Decision.Refuse(Messages.Text("DuplicateAlreadyMarked", marked));
        if (activity.IsCancelled)
            return Decision.Refuse(Messages.Text("DuplicateCancelled"));
        var errors = new FieldErrors();
        if (OriginalId is not { } id)
            errors.Add("originalId", Messages.Text("DuplicateOriginalRequired"));
        else if (id == activity.Id)
            errors.Add("originalId", Messages.Text("DuplicateOfItself"));
        else if (original is null)
            errors.Add("originalId", Messages.Text("DuplicateOriginalUnknown", id));
        else if (original.DuplicateOf is { } its)
            errors.Add("originalId", Messages.Text("DuplicateOriginalIsDuplicate", id, its));
        else
            errors.When(original.IsCancelled, "originalId", Messages.Text("DuplicateOriginalCancelled", id));
        var reason = errors.Text("reason", Reason, FieldRules.ReasonMaxLength, true, Messages.Text("What_Reason"));
        return Decision.Check(errors, () => [new MarkedDuplicate(activity.Id, OriginalId!.Value, reason!)]);
    }

    /// <summary>
    /// The one way to apply it, behind the endpoint and the activity page: the original read in the user's scope (one they
    /// cannot read is as unknown as one that does not exist), then the command on the activity as any other change.
    /// </summary>
    public async Task<CommandOutcome> ApplyAsync(IDocumentSession session, ClaimsPrincipal user, Guid id, long version, CancellationToken ct)
    {
        var original = OriginalId is { } o && o != id ? await session.LoadAsync<ActivityDetails>(o, ct) : null;
        return await session.ChangeActivityAsync(user, id, version, a => Decide(a, original is not null && user.MayAccess(original) ? original : null), ct);
    }
}

/// <summary>Removes a duplicate mark given by mistake, with a reason: the activity counts again.</summary>
public sealed record RemoveDuplicateMark(long? Version, string? Reason)
{
    public Decision Decide(ActivityDetails activity)
    {
        if (activity.DuplicateOf is not { } original)
            return Decision.Refuse(Messages.Text("DuplicateNotMarked"));
        var errors = new FieldErrors();
        var reason = errors.Text("reason", Reason, FieldRules.ReasonMaxLength, true, Messages.Text("What_Reason"));
        return Decision.Check(errors, () => [new DuplicateMarkRemoved(activity.Id, original, reason!)]);
    }
}

public static class MarkDuplicateEndpoints
{
    /// <summary>Marks the activity a duplicate of another: it leaves every figure and export.</summary>
    [Authorize(Roles = ActivityAccess.Managers)]
    [WolverinePost("/api/activities/{id}/mark-duplicate", Name = "MarkDuplicate"), Tags("Review")]
    [StreamCommand]
    public static Task<IResult> Mark(Guid id, MarkDuplicate command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct) =>
        CommandAnswers.AnswerAsync("activity", id, command.Version, version => command.ApplyAsync(session, user, id, version, ct));

    /// <summary>Removes the duplicate mark: the activity counts again.</summary>
    [Authorize(Roles = ActivityAccess.Managers)]
    [WolverinePost("/api/activities/{id}/remove-duplicate-mark", Name = "RemoveDuplicateMark"), Tags("Review")]
    [StreamCommand]
    public static Task<IResult> Remove(Guid id, RemoveDuplicateMark command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct) =>
        CommandAnswers.AnswerAsync("activity", id, command.Version, version => session.ChangeActivityAsync(user, id, version, command.Decide, ct));
}
