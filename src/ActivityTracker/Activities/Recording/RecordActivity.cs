using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Reference;
using ActivityTracker.Decisions;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ActivityTracker.Activities.Recording;

/// <summary>Record a new activity. Every property is nullable so that a missing one is reported by name, not as unreadable JSON.</summary>
/// <param name="Kind">An activity-kind code from <c>GET /api/reference/activity-kinds</c>, e.g. <c>job-fair</c>.</param>
/// <param name="Title">What happened, in a line (at most 200 characters).</param>
/// <param name="Description">Optional longer text (at most 4,000 characters).</param>
/// <param name="StartDate">First day, when known.</param>
/// <param name="EndDate">Last day, when known; not before the start date.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 of the host country; omit for a regional activity with no single host.</param>
/// <param name="ProgrammeCode">The programme it is reported under (<c>GET /api/reference/programmes</c>), e.g. <c>MESO-CARIB</c>.</param>
/// <param name="ParticipantTotal">People who took part, when known; zero or more.</param>
public sealed record RecordActivity(
    string? Kind,
    string? Title,
    string? Description,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? CountryCode,
    string? ProgrammeCode,
    int? ParticipantTotal)
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    /// <summary>The rules of recording, as a pure function of the command and the code lists.</summary>
    public FieldErrors Check(ReferenceData reference)
    {
        var errors = new FieldErrors();

        if (string.IsNullOrWhiteSpace(Kind))
            errors.Add("kind", "The kind of activity is required.");
        else if (!reference.ActivityKinds.ContainsKey(Kind))
            errors.Add("kind", $"'{Kind}' is not an activity kind. Use one of: {string.Join(", ", reference.ActivityKinds.Keys)}.");

        if (string.IsNullOrWhiteSpace(Title))
            errors.Add("title", "A title is required.");
        else
            errors.When(Title.Trim().Length > TitleMaxLength, "title", $"The title has {Title.Trim().Length} characters; at most {TitleMaxLength} are allowed.");

        errors.When(Description?.Trim().Length > DescriptionMaxLength, "description",
            $"The description has {Description?.Trim().Length} characters; at most {DescriptionMaxLength} are allowed.");

        errors.When(StartDate is { } start && EndDate is { } end && end < start, "endDate",
            $"The end date {EndDate:yyyy-MM-dd} is before the start date {StartDate:yyyy-MM-dd}.");

        errors.When(CountryCode is not null && !reference.Countries.ContainsKey(CountryCode), "countryCode",
            $"'{CountryCode}' is not an ISO 3166-1 alpha-2 country code (e.g. MX, GT, CR).");

        if (string.IsNullOrWhiteSpace(ProgrammeCode))
            errors.Add("programmeCode", "The programme code is required.");
        else if (!reference.Programmes.ContainsKey(ProgrammeCode))
            errors.Add("programmeCode", $"'{ProgrammeCode}' is not a programme. Use one of: {string.Join(", ", reference.Programmes.Keys)}.");

        errors.When(ParticipantTotal < 0, "participantTotal", "The number of participants cannot be negative.");

        return errors;
    }

    /// <summary>The event for a command that passed <see cref="Check"/>, with codes in their canonical spelling.</summary>
    public ActivityRecorded ToEvent(Guid activityId, ReferenceData reference) => new(
        activityId,
        reference.ActivityKinds[Kind!].Code,
        Title!.Trim(),
        string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        StartDate,
        EndDate,
        CountryCode is null ? null : reference.Countries[CountryCode].Alpha2,
        reference.Programmes[ProgrammeCode!].Code,
        ParticipantTotal);
}

public static class RecordActivityEndpoint
{
    /// <summary>Runs before <see cref="Post"/>; a non-empty result answers 400 and nothing is appended.</summary>
    public static ProblemDetails Validate(RecordActivity command, ReferenceData reference) =>
        command.Check(reference).ToProblemDetails("The activity was not recorded: some fields are invalid");

    /// <summary>Records a new activity as the first event of a new stream.</summary>
    [WolverinePost("/api/activities", Name = "RecordActivity"), Tags("Activities")]
    [ProducesResponseType<CreationResponse<Guid>>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static (CreationResponse<Guid>, IStartStream) Post(RecordActivity command, ReferenceData reference)
    {
        var id = Guid.CreateVersion7();
        var start = MartenOps.StartStream<ActivityDetails>(id, command.ToEvent(id, reference));
        return (new CreationResponse<Guid>($"/api/activities/{id}", id), start);
    }
}
