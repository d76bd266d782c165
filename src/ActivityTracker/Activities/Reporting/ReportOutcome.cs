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

/// <summary>Report the value of one indicator (e.g. people hired at a job fair). It replaces an earlier value of the same indicator, which needs a correction reason.</summary>
public sealed record ReportOutcome(long? Version, OutcomeInput? Outcome, CorrectionInput? Correction = null)
{
    public Decision Decide(ActivityDetails activity, Catalog catalog)
    {
        if (ActivityRules.WhyFrozen(activity) is { } frozen)
            return Decision.Refuse(frozen);

        var errors = new FieldErrors();
        var earlier = activity.Outcomes.FirstOrDefault(o => string.Equals(o.IndicatorCode, Outcome?.IndicatorCode?.Trim(), StringComparison.OrdinalIgnoreCase));
        var correction = ActivityRules.Correction(errors, "correction", Correction, earlier is not null,
            Messages.Text("Correction_Outcome", earlier?.IndicatorCode, earlier?.Value));
        var reported = ActivityRules.Outcome(errors, "outcome", Outcome, activity.Kind, activity.Id, correction, catalog);
        return Decision.Check(errors, () => [reported!]);
    }
}

public static class ReportOutcomeEndpoint
{
    /// <summary>Reports an indicator value, optionally broken down by sex, age band or country, and in parts along defined dimensions.</summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/activities/{id}/outcomes", Name = "ReportOutcome"), Tags("Activities")]
    [StreamCommand]
    public static async Task<IResult> Post(Guid id, ReportOutcome command, IDocumentSession session, ClaimsPrincipal user, ReferenceData codes, CancellationToken ct)
    {
        var catalog = await Catalog.LoadAsync(session, codes, [], [], [command.Outcome?.IndicatorCode], [], command.Outcome?.Parts ?? [], ct);
        return await CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, a => command.Decide(a, catalog), ct));
    }
}
