using System.Security.Claims;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Activities.Recording;

/// <summary>
/// Record an activity, planned or already held, optionally with what is already known:
/// participants, outcomes, partners and published sources.
/// </summary>
/// <param name="Kind">An activity-kind code (<c>GET /api/reference/activity-kinds</c>), e.g. <c>job-fair</c>.</param>
/// <param name="Language">The language of title and description: <c>en</c> or <c>es</c>.</param>
/// <param name="ActualStart">When it took place; with it the activity is recorded as held. Not in the future.</param>
/// <param name="Location">Where; leave <c>countryCode</c> out for a regional activity with no single host.</param>
/// <param name="ParticipatingCountries">For regional activities: the countries taking part (ISO alpha-2).</param>
/// <param name="ProgrammeCode">A registered programme (<c>GET /api/programmes</c>).</param>
/// <param name="SectorCode">OECD DAC purpose code (<c>GET /api/reference/sectors</c>), e.g. <c>15190</c>.</param>
/// <param name="Tags">Themes (<c>GET /api/reference/themes</c>).</param>
public sealed record RecordActivity(
    string? Kind,
    string? Language,
    string? Title,
    string? Description = null,
    DateOnly? PlannedStart = null,
    DateOnly? PlannedEnd = null,
    DateOnly? ActualStart = null,
    DateOnly? ActualEnd = null,
    LocationInput? Location = null,
    IReadOnlyList<string?>? ParticipatingCountries = null,
    string? ProgrammeCode = null,
    string? SectorCode = null,
    IReadOnlyList<string?>? Tags = null,
    ParticipantsInput? Participants = null,
    IReadOnlyList<OutcomeInput>? Outcomes = null,
    IReadOnlyList<PartnerInput>? Partners = null,
    IReadOnlyList<SourceInput>? Sources = null,
    IReadOnlyList<SessionInput>? Sessions = null)
{
    /// <summary>The rules of recording: the events that start the stream, or every bad field.</summary>
    public Decision Decide(Guid id, Catalog catalog, DateOnly today)
    {
        var errors = new FieldErrors();
        if (!ActivityRules.Bounded(errors, Outcomes, Partners, Sources))
            return new Decision.Invalid(errors);
        var kind = ActivityRules.Kind(errors, "kind", Kind, catalog);
        var language = ActivityRules.Code(errors, "language", Language, catalog.Codes.Languages, Messages.Text("Noun_Language"));
        var title = errors.Text("title", Title, ActivityRules.TitleMaxLength, true, Messages.Text("What_Title"));
        var description = errors.Text("description", Description, ActivityRules.DescriptionMaxLength, false, Messages.Text("What_Description"));
        ActivityRules.Period(errors, "plannedEnd", PlannedStart, PlannedEnd);
        var (sessions, actualStart, actualEnd) = ActivityRules.Sessions(errors, Sessions, ActualStart, ActualEnd, today);
        ActivityRules.ActualDates(errors, "actual", actualStart, actualEnd, today);
        var location = ActivityRules.Location(errors, "location", Location, catalog) ?? Activities.Location.Nowhere;
        var participating = ActivityRules.Countries(errors, "participatingCountries", ParticipatingCountries, catalog);
        var programme = ActivityRules.Programme(errors, "programmeCode", ProgrammeCode, catalog);
        var sector = ActivityRules.Code(errors, "sectorCode", SectorCode, catalog.Codes.Sectors, Messages.Text("Noun_DacSector"));
        var tags = ActivityRules.Tags(errors, "tags", Tags, catalog);

        var facts = new List<object>();
        if (Participants is not null && ActivityRules.Participants(errors, "participants", Participants, id, null, catalog) is { } participants)
            facts.Add(participants);
        for (var i = 0; i < (Outcomes?.Count ?? 0); i++)
        {
            var outcome = ActivityRules.Outcome(errors, $"outcomes[{i}]", Outcomes![i], kind ?? "", id, null, catalog);
            if (outcome is not null && facts.OfType<OutcomeReported>().Any(o => o.IndicatorCode == outcome.IndicatorCode))
                errors.Add($"outcomes[{i}].indicatorCode", Messages.Text("ReportedTwice", outcome.IndicatorCode));
            else if (outcome is not null)
                facts.Add(outcome);
        }
        for (var i = 0; i < (Partners?.Count ?? 0); i++)
        {
            var partner = ActivityRules.Partner(errors, $"partners[{i}]", Partners![i], catalog);
            if (partner is not null && facts.OfType<PartnerAdded>().Any(p => p.OrganisationCode == partner.OrganisationCode && p.Role == partner.Role))
                errors.Add($"partners[{i}]", Messages.Text("AlreadyPartner", partner.OrganisationCode, partner.Role));
            else if (partner is not null)
                facts.Add(new PartnerAdded(id, partner.OrganisationCode, partner.Role));
        }
        for (var i = 0; i < (Sources?.Count ?? 0); i++)
        {
            var source = ActivityRules.Source(errors, $"sources[{i}]", Sources![i], id);
            if (source is not null && facts.OfType<SourceLinked>().Any(s => s.Url == source.Url))
                errors.Add($"sources[{i}].url", Messages.Text("AddressTwice"));
            else if (source is not null)
                facts.Add(source);
        }

        return Decision.Check(errors, () =>
        [
            new ActivityRecorded(id, kind!, language!, title!, description, PlannedStart, PlannedEnd, location, participating, programme!, sector!, tags),
            .. actualStart is { } start ? [new ActivityHeld(id, start, actualEnd, null, sessions.Count > 0 ? sessions : null)] : Array.Empty<object>(),
            .. facts,
        ]);
    }

    public Task<Catalog> LoadCatalogAsync(IQuerySession session, ReferenceData codes, CancellationToken ct) =>
        Catalog.LoadAsync(session, codes, [ProgrammeCode], Partners?.Select(p => p.OrganisationCode) ?? [],
            Outcomes?.Select(o => o.IndicatorCode) ?? [], [Kind],
            [.. Participants?.Parts ?? [], .. Outcomes?.SelectMany(o => o?.Parts ?? []) ?? []], ct);

    /// <summary>
    /// The one handler of recording, behind <c>POST /api/activities</c> and the log page: the rules against the catalog as it is
    /// now, the officer's scope checked on what is recorded (their programmes and host countries), the stream started as
    /// <paramref name="id"/>. The caller's transaction commits; a second start of the same id fails there, with nothing stored.
    /// </summary>
    public async Task<CommandOutcome> RecordAsync(IDocumentSession session, ClaimsPrincipal officer, Guid id, ReferenceData codes,
        DateOnly today, CancellationToken ct)
    {
        var catalog = await LoadCatalogAsync(session, codes, ct);
        return session.Start<ActivityDetails>(id, Decide(id, catalog, today), officer.MayWrite);
    }
}

public static class RecordActivityEndpoint
{
    /// <summary>Records a new activity: the first events of a new stream. Send an <c>Idempotency-Key</c> header to retry safely.</summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/activities", Name = "RecordActivity"), Tags("Activities")]
    // The claim on the key is written in the same transaction as the activity: a crash (of the app or
    // of PostgreSQL) before the commit leaves neither, so the client's retry records it; after the
    // commit, both, so the retry gets the first answer. Claimed up front instead, a request cut off by a
    // crash left its key claimed and unanswered: every retry got 409 until the claim expired.
    // Keys belong to the user: another user's key (and body) is a new request of theirs, never a replay of
    // someone else's 201.
    [DeduplicatedWithResponse(DeduplicationScope.User | DeduplicationScope.Endpoint, Required = false, ClaimInTransaction = true)]
    [StartsStream(Scoped = true)]
    public static async Task<IResult> Post(RecordActivity command, IDocumentSession session, ClaimsPrincipal user, ReferenceData codes, TimeProvider clock, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var outcome = await command.RecordAsync(session, user, id, codes, clock.Today(), ct);
        return CommandAnswers.Created(outcome, "activity", id, $"/api/activities/{id}");
    }
}
