namespace ActivityTracker.Activities;

// Values carried by the activity events and shown in its read model.

/// <summary>Where it took place. <paramref name="CountryCode"/> (ISO 3166-1 alpha-2) is null for a regional activity with no single host.</summary>
/// <param name="Admin1">First-level administrative division (state, department, province), by name.</param>
public sealed record Location(string? CountryCode, string? Admin1, string? Place, double? Latitude, double? Longitude)
{
    public static Location Nowhere { get; } = new(null, null, null, null, null);
}

public enum Sex { Female, Male, Other }

/// <summary>Age bands: children 0-17, adults 18-59, elderly 60+.</summary>
public enum AgeBand { Children, Adults, Elderly }

/// <summary>A cell of the participant breakdown; a null sex or age band means not known.</summary>
public sealed record ParticipantGroup(Sex? Sex, AgeBand? Age, int Count);

public sealed record NationalityCount(string CountryCode, int Count);

/// <summary>One of the separate days an activity was held on (a training on 22 and 27 May), and where, when it says.</summary>
public sealed record Session(DateOnly Day, string? Place);

/// <summary>Part of an outcome value: e.g. dimension <c>Country</c>, category <c>HN</c> (country of return).</summary>
public sealed record OutcomeSplit(Indicators.Breakdown Dimension, string Category, decimal Value);

/// <summary>
/// Part of a whole along a breakdown dimension an administrator defined: dimension <c>institution</c>, category <c>inm</c>
/// (an organisation's code, or a category of the dimension's list), 45 of 80. The parts of one dimension may leave some
/// of the whole "not stated".
/// </summary>
public sealed record Part(string Dimension, string Category, decimal Value)
{
    /// <summary>The parts of each dimension, in order, with what they leave of <paramref name="whole"/>: not stated (never below 0).</summary>
    public static IEnumerable<(string Dimension, IReadOnlyList<Part> Parts, decimal NotStated)> ByDimension(IReadOnlyList<Part> parts, decimal whole) =>
        parts.GroupBy(p => p.Dimension, StringComparer.Ordinal)
            .Select(d => (d.Key, (IReadOnlyList<Part>)[.. d], Math.Max(0, whole - d.Sum(p => p.Value))));
}

/// <summary>IATI participating-org roles.</summary>
public enum OrganisationRole { Funding = 1, Accountable = 2, Extending = 3, Implementing = 4 }

public enum CorrectionReason { Typo, LateData, DoubleCount, Reclassification }

/// <summary>Why a reported fact was changed.</summary>
public sealed record Correction(CorrectionReason Reason, string? Note);

/// <summary>The corrected descriptive details; null means unchanged.</summary>
public sealed record DetailChanges(
    string? Kind = null,
    string? Language = null,
    string? Title = null,
    string? Description = null,
    Location? Location = null,
    IReadOnlyList<string>? ParticipatingCountries = null,
    string? ProgrammeCode = null,
    string? SectorCode = null,
    IReadOnlyList<string>? Tags = null);

/// <summary>IATI activity-status codes.</summary>
public enum ActivityStatus { Pipeline = 1, Implementation = 2, Finalisation = 3, Closed = 4, Cancelled = 5, Suspended = 6 }

/// <summary>Where the report stands in review.</summary>
public enum ReviewState { Draft, Submitted, Approved, SentBack }
