using JasperFx.Events;
using Marten.Events.Aggregation;

namespace ActivityTracker.Activities.GettingDetails;

/// <summary>
/// The officer's view of one activity, projected inline from its stream so a read right
/// after a write sees it. Times come from event metadata, so a rebuild reproduces it.
/// </summary>
public sealed record ActivityDetails(
    Guid Id,
    string Kind,
    string Title,
    string? Description,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? CountryCode,
    string ProgrammeCode,
    int? ParticipantTotal,
    DateTimeOffset RecordedAt)
{
    /// <summary>The stream version this view reflects; clients send it back for optimistic concurrency.</summary>
    public long Version { get; set; }
}

public sealed class ActivityDetailsProjection : SingleStreamProjection<ActivityDetails, Guid>
{
    public static ActivityDetails Create(IEvent<ActivityRecorded> e) => new(
        e.StreamId,
        e.Data.Kind,
        e.Data.Title,
        e.Data.Description,
        e.Data.StartDate,
        e.Data.EndDate,
        e.Data.CountryCode,
        e.Data.ProgrammeCode,
        e.Data.ParticipantTotal,
        e.Timestamp);
}
