namespace ActivityTracker.Exchange;

/// <summary>
/// The columns of an activity spreadsheet, one activity per row: the import template is
/// <see cref="Importable"/>; the CSV and Excel exports add <see cref="ReadOnly"/>, which an import
/// accepts and ignores, so an exported file imports again as it is.
/// </summary>
public static class ActivityColumns
{
    public const string Id = "id";
    public const string Kind = "kind";
    public const string Language = "language";
    public const string Title = "title";
    public const string Description = "description";
    public const string PlannedStart = "planned_start";
    public const string PlannedEnd = "planned_end";
    public const string ActualStart = "actual_start";
    public const string ActualEnd = "actual_end";
    /// <summary>The separate days it was held on, <c>2019-05-22; 2019-05-27|Tuxtla Gutiérrez</c> (a day, and its place when it moved).</summary>
    public const string Sessions = "sessions";
    public const string Country = "country";
    public const string Admin1 = "admin1";
    public const string Place = "place";
    public const string Latitude = "latitude";
    public const string Longitude = "longitude";
    public const string ParticipatingCountries = "participating_countries";
    public const string Programme = "programme";
    public const string Sector = "sector";
    public const string Tags = "tags";
    public const string ParticipantsTotal = "participants_total";
    public const string ParticipantsTotalIsMinimum = "participants_total_is_minimum";
    public const string ParticipantGroups = "participant_groups";
    public const string UnaccompaniedMinors = "unaccompanied_minors";
    public const string Nationalities = "nationalities";
    /// <summary>Parts of the participants along defined breakdown dimensions, <c>institution/inm-mx=45</c>; the rest is not stated.</summary>
    public const string ParticipantParts = "participant_parts";
    public const string Outcomes = "outcomes";
    public const string OutcomeBreakdowns = "outcome_breakdowns";
    public const string Partners = "partners";
    public const string Sources = "sources";
    public const string Notes = "notes";
    /// <summary>Why a re-imported row's changed cells correct its activity (a <c>CorrectionReason</c>): without it they are only reported.</summary>
    public const string CorrectionReason = "correction_reason";
    public const string CorrectionNote = "correction_note";

    public static readonly IReadOnlyList<string> Importable =
    [
        Id, Kind, Language, Title, Description, PlannedStart, PlannedEnd, ActualStart, ActualEnd, Sessions,
        Country, Admin1, Place, Latitude, Longitude, ParticipatingCountries, Programme, Sector, Tags,
        ParticipantsTotal, ParticipantsTotalIsMinimum, ParticipantGroups, UnaccompaniedMinors, Nationalities, ParticipantParts,
        Outcomes, OutcomeBreakdowns, Partners, Sources, Notes, CorrectionReason, CorrectionNote,
    ];

    /// <summary>Columns of the import only: what the row asks, not a fact of the activity (not part of a row's own id, never exported filled).</summary>
    public static readonly IReadOnlyList<string> Instructions = [Notes, CorrectionReason, CorrectionNote];

    /// <summary>
    /// Facts added after rows without an id were first given one from their content: they join that content only when filled,
    /// so a row written before them keeps its id.
    /// </summary>
    public static readonly IReadOnlyList<string> Later = [ParticipantParts];

    /// <summary>Facts an import cannot set: they come from the activity's history.</summary>
    public static readonly IReadOnlyList<string> ReadOnly =
        ["status", "review", "version", "recorded_at", "recorded_by", "last_changed_at", "last_changed_by"];

    public static readonly IReadOnlyList<string> Exported = [.. Importable, .. ReadOnly];

    /// <summary>Every row must have these; the others may be left out of a file altogether.</summary>
    public static readonly IReadOnlyList<string> Required = [Kind, Language, Title, Programme, Sector];

    /// <summary>
    /// The column a rule's field name (<c>location.countryCode</c>, <c>outcomes[1].breakdown[0].value</c>)
    /// comes from, so a bad cell is reported where the user typed it.
    /// </summary>
    public static string Of(string field)
    {
        if (field.StartsWith("outcomes", StringComparison.Ordinal))
            return field.Contains(".breakdown", StringComparison.Ordinal) || field.Contains(".parts", StringComparison.Ordinal) ? OutcomeBreakdowns : Outcomes;
        foreach (var (prefix, column) in FieldPrefixes)
            if (field.StartsWith(prefix, StringComparison.Ordinal))
                return column;
        return field;
    }

    // Longer prefixes first: "participants.groups" before "participants".
    static readonly (string Prefix, string Column)[] FieldPrefixes =
    [
        ("participants.totalIsMinimum", ParticipantsTotalIsMinimum), ("participants.groups", ParticipantGroups),
        ("participants.unaccompaniedMinors", UnaccompaniedMinors), ("participants.nationalities", Nationalities), ("participants.parts", ParticipantParts),
        ("participants", ParticipantsTotal),
        ("location.countryCode", Country), ("location.admin1", Admin1), ("location.place", Place),
        ("location.latitude", Latitude), ("location.longitude", Longitude), ("location", Country),
        ("plannedStart", PlannedStart), ("plannedEnd", PlannedEnd), ("actualStart", ActualStart), ("actualEnd", ActualEnd), ("sessions", Sessions),
        ("participatingCountries", ParticipatingCountries), ("programmeCode", Programme), ("sectorCode", Sector),
        ("kind", Kind), ("language", Language), ("title", Title), ("description", Description), ("tags", Tags),
        ("partners", Partners), ("sources", Sources), ("notes", Notes), ("correction", CorrectionReason),
    ];
}
