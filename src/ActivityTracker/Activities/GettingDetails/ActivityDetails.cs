using JasperFx.Events;
using Marten.Events.Aggregation;

namespace ActivityTracker.Activities.GettingDetails;

public sealed record ParticipantsReport(int Total, bool TotalIsMinimum, IReadOnlyList<ParticipantGroup> Groups, int? UnaccompaniedMinors, IReadOnlyList<NationalityCount> Nationalities,
    IReadOnlyList<Part>? Parts = null)
{
    /// <summary>Parts of the total along defined breakdown dimensions (none in case files stored before them).</summary>
    public IReadOnlyList<Part> Parts { get; init; } = Parts ?? [];
}

/// <param name="ValueIsMinimum">The source gives a floor: shown as "≥ 1,500", and a figure it adds to is a floor too.</param>
/// <param name="Base">What a percentage is of or an average is over, when the report gave it; null for a count.</param>
public sealed record OutcomeValue(string IndicatorCode, decimal Value, IReadOnlyList<OutcomeSplit> Breakdown, bool ValueIsMinimum = false,
    decimal? Base = null, IReadOnlyList<Part>? Parts = null)
{
    /// <summary>Parts of the value along defined breakdown dimensions (none in case files stored before them).</summary>
    public IReadOnlyList<Part> Parts { get; init; } = Parts ?? [];
}

public sealed record Partner(string OrganisationCode, OrganisationRole Role);

public sealed record Source(string Url, string? Title);

public sealed record Note(string Text, DateTimeOffset At, string? By);

/// <summary>
/// An activity as a case file: what was planned, what happened, who took part, what came
/// out of it and where its review stands. It is both the officer's read model (projected
/// inline, so a read right after a write sees it) and the state commands decide against.
/// Times and users come from event metadata, so a rebuild reproduces it exactly.
/// </summary>
public sealed record ActivityDetails
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Language { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Description { get; init; }
    public DateOnly? PlannedStart { get; init; }
    public DateOnly? PlannedEnd { get; init; }
    public DateOnly? ActualStart { get; init; }
    public DateOnly? ActualEnd { get; init; }
    /// <summary>The separate days it was held on (between <see cref="ActualStart"/> and <see cref="ActualEnd"/>, both included); empty when every day between.</summary>
    public IReadOnlyList<Session> Sessions { get; init; } = [];
    public Location Location { get; init; } = Location.Nowhere;
    public IReadOnlyList<string> ParticipatingCountries { get; init; } = [];
    public string ProgrammeCode { get; init; } = "";
    public string SectorCode { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public ParticipantsReport? Participants { get; init; }
    public IReadOnlyList<OutcomeValue> Outcomes { get; init; } = [];
    public IReadOnlyList<Partner> Partners { get; init; } = [];
    public IReadOnlyList<Source> Sources { get; init; } = [];
    public IReadOnlyList<Note> Notes { get; init; } = [];
    public ReviewState Review { get; init; }
    public bool IsCancelled { get; init; }
    /// <summary>The activity this one reports again, when a manager marked it a duplicate: it then counts nowhere.</summary>
    public Guid? DuplicateOf { get; init; }
    /// <summary>The version a reviewer approved, while it stays approved.</summary>
    public long? ApprovedVersion { get; init; }
    /// <summary>Why it was last sent back, cancelled or reopened.</summary>
    public string? LastReason { get; init; }
    /// <summary>Who last submitted it for review (separation of duties: they cannot approve it).</summary>
    public string? SubmittedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string? RecordedBy { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }
    public string? LastChangedBy { get; init; }
    /// <summary>The stream version this reflects; commands send it back for optimistic concurrency.</summary>
    public long Version { get; set; }

    /// <summary>
    /// IATI activity-status, derived from the facts so it can never disagree with them. The dates lead: an activity is
    /// closed only once it has ended and its report is approved; approving the report of one still under way (a campaign
    /// with no end yet) leaves it in implementation, and approving a plan leaves it in the pipeline.
    /// </summary>
    public ActivityStatus Status =>
        IsCancelled ? ActivityStatus.Cancelled
        : ActualEnd is not null ? (Review == ReviewState.Approved ? ActivityStatus.Closed : ActivityStatus.Finalisation)
        : ActualStart is not null ? ActivityStatus.Implementation
        : ActivityStatus.Pipeline;

    public bool IsHeld => ActualStart is not null;

    /// <summary>The one fold of an activity's events, used by the inline projection and by every read model built from activity state.</summary>
    public static ActivityDetails? Fold(ActivityDetails? state, IEvent e)
    {
        if (e.Data is ActivityRecorded recorded)
            return new ActivityDetails
            {
                Id = recorded.ActivityId, Kind = recorded.Kind, Language = recorded.Language, Title = recorded.Title,
                Description = recorded.Description, PlannedStart = recorded.PlannedStart, PlannedEnd = recorded.PlannedEnd,
                Location = recorded.Location, ParticipatingCountries = recorded.ParticipatingCountries,
                ProgrammeCode = recorded.ProgrammeCode, SectorCode = recorded.SectorCode, Tags = recorded.Tags,
                RecordedAt = e.Timestamp, RecordedBy = e.UserName, LastChangedAt = e.Timestamp, LastChangedBy = e.UserName, Version = e.Version,
            };
        if (state is null)
            return null;

        var next = e.Data switch
        {
            ActivityRescheduled r => state with { PlannedStart = r.PlannedStart, PlannedEnd = r.PlannedEnd },
            ActivityHeld h => state with { ActualStart = h.ActualStart, ActualEnd = h.ActualEnd, Sessions = h.Sessions ?? [] },
            ParticipantsReported p => state with
            {
                Participants = new ParticipantsReport(p.Total, p.TotalIsMinimum, p.Groups, p.UnaccompaniedMinors, p.Nationalities, p.Parts),
            },
            OutcomeReported o => state with
            {
                Outcomes = [.. state.Outcomes.Where(x => x.IndicatorCode != o.IndicatorCode), new OutcomeValue(o.IndicatorCode, o.Value, o.Breakdown, o.ValueIsMinimum, o.Base, o.Parts)],
            },
            PartnerAdded a => state with { Partners = [.. state.Partners, new Partner(a.OrganisationCode, a.Role)] },
            PartnerRemoved r => state with { Partners = [.. state.Partners.Where(p => p != new Partner(r.OrganisationCode, r.Role))] },
            DetailsCorrected c => Correct(state, c.Changes),
            NoteAdded n => state with { Notes = [.. state.Notes, new Note(n.Text, e.Timestamp, e.UserName)] },
            SourceLinked s => state with { Sources = [.. state.Sources, new Source(s.Url, s.Title)] },
            SubmittedForReview => state with { Review = ReviewState.Submitted, SubmittedBy = e.UserName },
            ActivityApproved a => state with { Review = ReviewState.Approved, ApprovedVersion = a.ApprovedVersion },
            SentBack s => state with { Review = ReviewState.SentBack, LastReason = s.Reason },
            ActivityCancelled c => state with { IsCancelled = true, LastReason = c.Reason },
            ActivityReopened r => state with { IsCancelled = false, Review = ReviewState.Draft, ApprovedVersion = null, LastReason = r.Reason },
            MarkedDuplicate d => state with { DuplicateOf = d.OriginalId, LastReason = d.Reason },
            DuplicateMarkRemoved d => state with { DuplicateOf = null, LastReason = d.Reason },
            _ => state,
        };
        return next with { LastChangedAt = e.Timestamp, LastChangedBy = e.UserName, Version = e.Version };
    }

    /// <summary>What <paramref name="state"/> becomes once <paramref name="events"/> (not yet stored) are appended.</summary>
    public static ActivityDetails? After(ActivityDetails? state, IEnumerable<object> events) =>
        events.Aggregate(state, (s, e) => Fold(s, JasperFx.Events.Event.For(e)));

    static ActivityDetails Correct(ActivityDetails state, DetailChanges c) => state with
    {
        Kind = c.Kind ?? state.Kind,
        Language = c.Language ?? state.Language,
        Title = c.Title ?? state.Title,
        // An empty description in a correction clears it.
        Description = c.Description is null ? state.Description : c.Description.Length == 0 ? null : c.Description,
        Location = c.Location ?? state.Location,
        ParticipatingCountries = c.ParticipatingCountries ?? state.ParticipatingCountries,
        ProgrammeCode = c.ProgrammeCode ?? state.ProgrammeCode,
        SectorCode = c.SectorCode ?? state.SectorCode,
        Tags = c.Tags ?? state.Tags,
    };
}

public sealed class ActivityDetailsProjection : SingleStreamProjection<ActivityDetails, Guid>
{
    public override ActivityDetails? Evolve(ActivityDetails? snapshot, Guid id, IEvent e) => ActivityDetails.Fold(snapshot, e);
}
