using ActivityTracker.Activities.GettingDetails;

namespace ActivityTracker.Dashboards;

/// <summary>
/// The slices dashboards are kept for. An activity belongs to one slice per dimension: its host
/// country (<c>regional</c> when it has none), programme, reporting month (<c>undated</c> when the
/// source gives no date), kind, IATI status, and the country x programme x month cell.
/// </summary>
public static class Dimensions
{
    public const string Country = "country";
    public const string Programme = "programme";
    public const string Month = "month";
    public const string Kind = "kind";
    public const string Status = "status";
    public const string Cube = "cube";
    /// <summary>
    /// The organisations an activity names as partners: not a coordinate of the cube (an activity has several), a key per partner
    /// among its keys, so the projection keeps a tally per partner and a partner's activities are found by their indexed keys.
    /// </summary>
    public const string Partner = "partner";
    /// <summary>The cells of the cube (<see cref="CubeCell"/>), kept beside the slices; not a dashboard of their own.</summary>
    public const string Cell = "cell";

    public const string Regional = "regional";
    public const string Undated = "undated";

    public static readonly IReadOnlyList<string> All = [Country, Programme, Month, Kind, Status, Cube];

    public static string KeyOf(string dimension, ActivityDetails activity) => dimension switch
    {
        Country => activity.Location.CountryCode ?? Regional,
        Programme => activity.ProgrammeCode,
        Month => ReportedActivity.MonthOf(activity) ?? Undated,
        Kind => activity.Kind,
        Status => activity.Status.ToString(),
        Cube => $"{KeyOf(Country, activity)}|{activity.ProgrammeCode}|{KeyOf(Month, activity)}",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not a dashboard dimension."),
    };

    /// <summary>
    /// The keys of <paramref name="dimension"/> an activity counts in when countries have <paramref name="role"/>: one, but
    /// for a country (and the cube, keyed by country) taking part, one per country, never the same country twice; for partners, one per partner.
    /// None for a duplicate: its original counts.
    /// </summary>
    public static IEnumerable<string> KeysOf(string dimension, ActivityDetails activity, CountryRole role) => activity.DuplicateOf is not null ? [] : dimension switch
    {
        Country => role.CountriesOf(KeyOf(Country, activity), CubeCell.PartsOf(activity)),
        Cube => role.CountriesOf(KeyOf(Country, activity), CubeCell.PartsOf(activity)).Select(c => $"{c}|{activity.ProgrammeCode}|{KeyOf(Month, activity)}"),
        Partner => PartnersOf(activity),
        _ => [KeyOf(dimension, activity)],
    };

    /// <summary>
    /// The slices an activity is counted in (its host's among the countries), its cell of the cube (<see cref="CubeCell"/>), its
    /// rollups (<see cref="CubeRollup"/>), its partners and their cells (<see cref="PartnerCell"/>). None for an activity marked a
    /// duplicate: no figure, list or cell counts it, its original does.
    /// </summary>
    public static IEnumerable<string> KeysOf(ActivityDetails activity) => activity.DuplicateOf is not null ? [] : All.Select(d => $"{d}:{KeyOf(d, activity)}").Append(CubeCell.KeyOf(activity))
        .Concat(CubeRollup.KeysOf(activity)).Concat(PartnersOf(activity).Select(code => DocumentId(Partner, code))).Concat(PartnerCell.KeysOf(activity));

    /// <summary>The codes of the organisations an activity names as partners, each once (in any role).</summary>
    public static IEnumerable<string> PartnersOf(ActivityDetails activity) => activity.Partners.Select(p => p.OrganisationCode.ToLowerInvariant()).Distinct(StringComparer.Ordinal);

    public static string DocumentId(string dimension, string key) => $"{dimension}:{key}";
}
