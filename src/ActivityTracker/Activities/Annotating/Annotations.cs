using System.Security.Claims;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Activities.Annotating;

// Notes and sources are commentary and evidence, not reported facts: they may be added in
// any state, including after approval or cancellation.

/// <summary>Add a note to the activity's file.</summary>
public sealed record AddNote(long? Version, string? Text)
{
    public Decision Decide(ActivityDetails activity)
    {
        var errors = new FieldErrors();
        var text = errors.Text("text", Text, ActivityRules.NoteMaxLength, true, Messages.Text("What_Note"));
        return Decision.Check(errors, () => [new NoteAdded(activity.Id, text!)]);
    }
}

/// <summary>Link a published source, e.g. the news item that reported the activity.</summary>
public sealed record LinkSource(long? Version, string? Url, string? Title = null)
{
    public Decision Decide(ActivityDetails activity)
    {
        var errors = new FieldErrors();
        var source = ActivityRules.Source(errors, "source", new SourceInput(Url, Title), activity.Id);
        if (source is not null && activity.Sources.Any(s => s.Url == source.Url))
            return Decision.Refuse(Messages.Text("AlreadyLinked", source.Url));
        return Decision.Check(errors, () => [source!]);
    }
}

public static class AnnotationEndpoints
{
    /// <summary>Adds a note.</summary>
    [Authorize(Roles = ActivityAccess.OfficersAndManagers)]
    [WolverinePost("/api/activities/{id}/notes", Name = "AddNote"), Tags("Activities")]
    [StreamCommand]
    public static Task<IResult> Note(Guid id, AddNote command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct) =>
        CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, command.Decide, ct));

    /// <summary>Links a published source.</summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/activities/{id}/sources", Name = "LinkSource"), Tags("Activities")]
    [StreamCommand]
    public static Task<IResult> Source(Guid id, LinkSource command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct) =>
        CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, command.Decide, ct));
}
