using ActivityTracker.Activities.GettingDetails;

namespace ActivityTracker.Dashboards;

/// <summary>
/// One cell of the dashboards' cube: the activities that share a programme, a host country, the
/// countries taking part, a reporting month, a kind and a status, with their running totals
/// (<see cref="SliceTally"/>: all reported and approved). Each activity sits in exactly one cell, so
/// any dashboard (a dimension and key, the filters, the reader's scope) is the merge of the cells it
/// selects, never a pass over activities, and never counts an activity twice. The projection keeps
/// the cells beside the slices, by the same key mechanism (<see cref="ReportedActivity.Keys"/>).
/// </summary>
[CellColumns(nameof(Month), nameof(Host), nameof(Programme), nameof(Kind), nameof(Status))]
public class CubeCell
{
    public const string Prefix = Dimensions.Cell + ":";

    public string Id { get; set; } = "";
    public string Programme { get; set; } = "";
    /// <summary>The host country, or <see cref="Dimensions.Regional"/>.</summary>
    public string Host { get; set; } = "";
    /// <summary>The countries taking part other than the host, in order.</summary>
    public string[] Parts { get; set; } = [];
    /// <summary>The reporting month (<c>yyyy-MM</c>) or <see cref="Dimensions.Undated"/>.</summary>
    public string Month { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Status { get; set; } = "";
    public SliceTally Tally { get; set; } = new();

    public static bool Is(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The cell an activity sits in: its key among <see cref="ReportedActivity.Keys"/>.</summary>
    public static string KeyOf(ActivityDetails activity) => Prefix + string.Join('|',
        activity.ProgrammeCode,
        Dimensions.KeyOf(Dimensions.Country, activity),
        string.Join(',', PartsOf(activity)),
        Dimensions.KeyOf(Dimensions.Month, activity),
        activity.Kind,
        Dimensions.KeyOf(Dimensions.Status, activity));

    /// <summary>The countries taking part in an activity hosted elsewhere (or in a regional one).</summary>
    public static IEnumerable<string> PartsOf(ActivityDetails activity) => activity.ParticipatingCountries
        .Where(c => !string.Equals(c, activity.Location.CountryCode, StringComparison.OrdinalIgnoreCase))
        .Select(c => c.ToUpperInvariant())
        .Distinct()
        .Order(StringComparer.Ordinal);

    /// <summary>The stored cell of a tally kept under a cell key; its coordinates read back from the key.</summary>
    public static CubeCell Of(SliceTally tally)
    {
        var parts = tally.Id[Prefix.Length..].Split('|');
        return new CubeCell
        {
            Id = tally.Id,
            Programme = parts[0],
            Host = parts[1],
            Parts = parts[2].Length == 0 ? [] : parts[2].Split(','),
            Month = parts[3],
            Kind = parts[4],
            Status = parts[5],
            Tally = tally,
        };
    }

    /// <summary>
    /// This cell's keys in a dashboard dimension when countries have <paramref name="role"/>: its one key (<see cref="KeyIn"/>),
    /// but by country (and cube) taking part, one per country taking part, each once.
    /// </summary>
    public IEnumerable<string> KeysIn(string dimension, CountryRole role) => dimension switch
    {
        Dimensions.Country => role.CountriesOf(Host, Parts),
        Dimensions.Cube => role.CountriesOf(Host, Parts).Select(c => $"{c}|{Programme}|{Month}"),
        _ => [KeyIn(dimension)],
    };

    /// <summary>This cell's key in a dashboard dimension, countries by their host (a cell belongs to exactly one slice of each).</summary>
    public string KeyIn(string dimension) => dimension switch
    {
        Dimensions.Country => Host,
        Dimensions.Programme => Programme,
        Dimensions.Month => Month,
        Dimensions.Kind => Kind,
        Dimensions.Status => Status,
        Dimensions.Cube => $"{Host}|{Programme}|{Month}",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not a dimension the cube is cut by."),
    };
}
