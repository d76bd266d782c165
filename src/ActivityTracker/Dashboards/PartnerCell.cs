using ActivityTracker.Activities.GettingDetails;

namespace ActivityTracker.Dashboards;

/// <summary>
/// A cell of a partner's dashboards: the activities naming one partner (by the code they name, <see cref="Dimensions.PartnersOf"/>)
/// that share a programme, a host, the countries taking part and a kind, in one month, one year or the whole history
/// (<see cref="Grain"/>). An activity sits in one cell per partner it names and grain, so a partner's figures for any
/// filter and scope (<see cref="PartnerSlices"/>) merge the cells of one grain per piece of time, never its activities, and
/// never count an activity twice under one partner. Kept by the projection beside the cube's cells, by the same key mechanism
/// (<see cref="ReportedActivity.Keys"/>).
/// </summary>
public sealed class PartnerCell
{
    public const string Prefix = "pcell:";

    /// <summary>The grains of time a cell is kept for (<see cref="CubeTime"/>): a month, a year, or the whole history.</summary>
    public static class Grains
    {
        public const string Month = "m";
        public const string Year = "y";
        public const string All = "a";
    }

    public string Id { get; set; } = "";
    /// <summary>The organisation's code as the activity names it (lower case).</summary>
    public string Partner { get; set; } = "";
    public string Grain { get; set; } = "";
    /// <summary><c>yyyy-MM</c> by month, <c>yyyy</c> by year, <see cref="Dimensions.Undated"/> in either; empty for the whole history.</summary>
    public string Time { get; set; } = "";
    public string Programme { get; set; } = "";
    /// <summary>The host country, or <see cref="Dimensions.Regional"/>.</summary>
    public string Host { get; set; } = "";
    /// <summary>The countries taking part other than the host, in order (<see cref="CubeCell.PartsOf"/>).</summary>
    public string[] Parts { get; set; } = [];
    public string Kind { get; set; } = "";
    public SliceTally Tally { get; set; } = new();

    public static bool Is(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The cells an activity sits in: three per partner it names (its month, its year, the whole history).</summary>
    public static IEnumerable<string> KeysOf(ActivityDetails activity)
    {
        var month = Dimensions.KeyOf(Dimensions.Month, activity);
        var year = month == Dimensions.Undated ? month : month[..4];
        var rest = string.Join('|', activity.ProgrammeCode, Dimensions.KeyOf(Dimensions.Country, activity), string.Join(',', CubeCell.PartsOf(activity)), activity.Kind);
        foreach (var partner in Dimensions.PartnersOf(activity))
        {
            yield return $"{Prefix}{partner}|{Grains.Month}|{month}|{rest}";
            yield return $"{Prefix}{partner}|{Grains.Year}|{year}|{rest}";
            yield return $"{Prefix}{partner}|{Grains.All}||{rest}";
        }
    }

    /// <summary>The stored cell of a tally kept under a partner cell's key; its coordinates read back from the key.</summary>
    public static PartnerCell Of(SliceTally tally)
    {
        var parts = tally.Id[Prefix.Length..].Split('|');
        return new PartnerCell
        {
            Id = tally.Id, Partner = parts[0], Grain = parts[1], Time = parts[2], Programme = parts[3], Host = parts[4],
            Parts = parts[5].Length == 0 ? [] : parts[5].Split(','), Kind = parts[6], Tally = tally,
        };
    }
}
