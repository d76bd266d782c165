namespace ActivityTracker.Activities;

// The events of an activity's stream: past-tense business facts only. Who recorded them,
// when and in which request comes from Marten's event metadata (user name, timestamp,
// correlation id), never from fields here. Codes are stored in their canonical spelling.

/// <summary>Marks the events of an activity stream.</summary>
public interface IActivityEvent
{
    Guid ActivityId { get; }
}

/// <summary>An activity was recorded: the first event of its stream. Planned dates only; <see cref="ActivityHeld"/> says it took place.</summary>
public sealed record ActivityRecorded(
    Guid ActivityId,
    string Kind,
    string Language,
    string Title,
    string? Description,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    Location Location,
    IReadOnlyList<string> ParticipatingCountries,
    string ProgrammeCode,
    string SectorCode,
    IReadOnlyList<string> Tags) : IActivityEvent;

/// <summary>The planned dates moved.</summary>
public sealed record ActivityRescheduled(Guid ActivityId, DateOnly? PlannedStart, DateOnly? PlannedEnd, string? Reason) : IActivityEvent;

/// <summary>It took place on these dates (a repeat corrects the dates and carries the reason).</summary>
/// <param name="Sessions">The separate days it was held on, first to last (its start and end), when not every day between;
/// empty or absent (events stored before it) for a continuous period.</param>
public sealed record ActivityHeld(Guid ActivityId, DateOnly ActualStart, DateOnly? ActualEnd, Correction? Correction,
    IReadOnlyList<Session>? Sessions = null) : IActivityEvent;

/// <summary>Who took part. A new report replaces the previous one as a whole, so totals never double count.</summary>
/// <param name="TotalIsMinimum">The source gives a floor ("over 50"), not an exact count.</param>
/// <param name="Parts">Parts of the total along defined breakdown dimensions; last, with a default, so events stored before it have none.</param>
public sealed record ParticipantsReported(
    Guid ActivityId,
    int Total,
    bool TotalIsMinimum,
    IReadOnlyList<ParticipantGroup> Groups,
    int? UnaccompaniedMinors,
    IReadOnlyList<NationalityCount> Nationalities,
    Correction? Correction,
    IReadOnlyList<Part>? Parts = null) : IActivityEvent
{
    public IReadOnlyList<Part> Parts { get; init; } = Parts ?? [];
}

/// <summary>The value of one indicator for this activity; replaces an earlier value of the same indicator.</summary>
/// <param name="ValueIsMinimum">The source gives a floor ("more than 1,500"), not an exact value. Last, with a default, so the
/// events stored before it read as exact.</param>
public sealed record OutcomeReported(
    Guid ActivityId,
    string IndicatorCode,
    decimal Value,
    IReadOnlyList<OutcomeSplit> Breakdown,
    Correction? Correction,
    bool ValueIsMinimum = false,
    decimal? Base = null,
    IReadOnlyList<Part>? Parts = null) : IActivityEvent
{
    /// <summary>Parts of the value along defined breakdown dimensions; none in the events stored before them.</summary>
    public IReadOnlyList<Part> Parts { get; init; } = Parts ?? [];
}

public sealed record PartnerAdded(Guid ActivityId, string OrganisationCode, OrganisationRole Role) : IActivityEvent;

public sealed record PartnerRemoved(Guid ActivityId, string OrganisationCode, OrganisationRole Role, string? Reason) : IActivityEvent;

/// <summary>Descriptive details were corrected; only the changed ones are set. Figures are corrected by re-reporting them.</summary>
public sealed record DetailsCorrected(Guid ActivityId, Correction Correction, DetailChanges Changes) : IActivityEvent;

public sealed record NoteAdded(Guid ActivityId, string Text) : IActivityEvent;

/// <summary>A published source for the activity, e.g. the news item that reported it.</summary>
public sealed record SourceLinked(Guid ActivityId, string Url, string? Title) : IActivityEvent;

public sealed record SubmittedForReview(Guid ActivityId) : IActivityEvent;

/// <summary>A reviewer approved the activity exactly as it stood at <paramref name="ApprovedVersion"/>.</summary>
public sealed record ActivityApproved(Guid ActivityId, long ApprovedVersion) : IActivityEvent;

public sealed record SentBack(Guid ActivityId, string Reason) : IActivityEvent;

public sealed record ActivityCancelled(Guid ActivityId, string Reason) : IActivityEvent;

/// <summary>
/// A manager found it reports the same activity as <paramref name="OriginalId"/>: it leaves every figure and export (the
/// original counts), and stays readable with the reason, until the mark is removed.
/// </summary>
public sealed record MarkedDuplicate(Guid ActivityId, Guid OriginalId, string Reason) : IActivityEvent;

/// <summary>The duplicate mark was a mistake: it counts again as it did before.</summary>
public sealed record DuplicateMarkRemoved(Guid ActivityId, Guid OriginalId, string Reason) : IActivityEvent;

/// <summary>An approved or cancelled activity is open for changes again.</summary>
public sealed record ActivityReopened(Guid ActivityId, string Reason) : IActivityEvent;
