namespace ActivityTracker.Activities;

// Events of an activity's stream. They carry business facts only: who recorded them and
// when comes from Marten's event metadata (user name, timestamp, correlation id).

/// <summary>An activity was recorded: the first event of its stream.</summary>
/// <param name="CountryCode">ISO 3166-1 alpha-2 of the host country; null for a regional activity with no single host.</param>
/// <param name="ParticipantTotal">People who took part, when known.</param>
public sealed record ActivityRecorded(
    Guid ActivityId,
    string Kind,
    string Title,
    string? Description,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? CountryCode,
    string ProgrammeCode,
    int? ParticipantTotal);
