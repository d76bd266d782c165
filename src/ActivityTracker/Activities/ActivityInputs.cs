using ActivityTracker.Indicators;

namespace ActivityTracker.Activities;

// Parts of commands as clients send them. Everything is nullable so that a missing value is
// reported by field name (400) instead of silently defaulting; the rules turn a valid input
// into the event values of ActivityValues.cs.

public sealed record LocationInput(string? CountryCode, string? Admin1, string? Place, double? Latitude, double? Longitude);

public sealed record ParticipantGroupInput(Sex? Sex, AgeBand? Age, int? Count);

public sealed record NationalityInput(string? CountryCode, int? Count);

/// <param name="TotalIsMinimum">True when the source gives a floor ("over 50").</param>
public sealed record ParticipantsInput(
    int? Total,
    bool? TotalIsMinimum = null,
    IReadOnlyList<ParticipantGroupInput>? Groups = null,
    int? UnaccompaniedMinors = null,
    IReadOnlyList<NationalityInput>? Nationalities = null,
    IReadOnlyList<PartInput>? Parts = null);

/// <summary>Part of a whole along a defined breakdown dimension (<c>GET /api/breakdowns</c>): e.g. institution, inm, 45.</summary>
public sealed record PartInput(string? Dimension, string? Category, decimal? Value);

public sealed record OutcomeSplitInput(Breakdown? Dimension, string? Category, decimal? Value);

/// <param name="ValueIsMinimum">True when the source gives a floor ("more than 1,500 interviews").</param>
/// <param name="Base">For a percentage, how many it is of (34 % of 250 people: 250); for an average, over how many it was taken (120 a day over 31 days: 31). Weighs the report where figures combine.</param>
/// <param name="Parts">Parts of the value along defined breakdown dimensions that break this indicator down; partial parts leave the rest "not stated".</param>
public sealed record OutcomeInput(string? IndicatorCode, decimal? Value, IReadOnlyList<OutcomeSplitInput>? Breakdown = null, bool? ValueIsMinimum = null,
    decimal? Base = null, IReadOnlyList<PartInput>? Parts = null);

public sealed record PartnerInput(string? OrganisationCode, OrganisationRole? Role);

/// <summary>A day the activity was held on, when it was held on separate days; the place when it moved.</summary>
public sealed record SessionInput(DateOnly? Day, string? Place = null);

public sealed record SourceInput(string? Url, string? Title = null);

public sealed record CorrectionInput(CorrectionReason? Reason, string? Note = null);
