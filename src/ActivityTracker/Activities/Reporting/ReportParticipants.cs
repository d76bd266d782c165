using System.Security.Claims;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Activities.Reporting;

/// <summary>Report who took part. The report replaces any earlier one as a whole (so nothing is counted twice); replacing one needs a correction reason.</summary>
public sealed record ReportParticipants(long? Version, ParticipantsInput? Participants, CorrectionInput? Correction = null)
{
    public Decision Decide(ActivityDetails activity, Catalog catalog)
    {
        if (ActivityRules.WhyFrozen(activity) is { } frozen)
            return Decision.Refuse(frozen);

        var errors = new FieldErrors();
        var correction = ActivityRules.Correction(errors, "correction", Correction, activity.Participants is not null,
            Messages.Text("Correction_Participants", activity.Participants?.Total));
        var reported = ActivityRules.Participants(errors, "participants", Participants, activity.Id, correction, catalog);
        return Decision.Check(errors, () => [reported!]);
    }
}

public static class ReportParticipantsEndpoint
{
    /// <summary>Reports the participants: total, breakdown by sex and age band, unaccompanied minors, nationalities, parts along defined dimensions.</summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/activities/{id}/participants", Name = "ReportParticipants"), Tags("Activities")]
    [StreamCommand]
    public static async Task<IResult> Post(Guid id, ReportParticipants command, IDocumentSession session, ClaimsPrincipal user, ReferenceData codes, CancellationToken ct)
    {
        // Besides countries, participants name only the dimensions (and organisations) of their parts.
        var catalog = await Catalog.LoadAsync(session, codes, [], [], [], [], command.Participants?.Parts ?? [], ct);
        return await CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, a => command.Decide(a, catalog), ct));
    }
}
