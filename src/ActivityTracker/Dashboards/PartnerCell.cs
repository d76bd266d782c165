using ActivityTracker.Activities.GettingDetails;

namespace ActivityTracker.Dashboards;

/// <summary>
/// A cell of a partner's dashboards: the activities naming one partner (by the code they name, <see cref="Dimensions.PartnersOf"/>)
/// that share a programme, a host, the countries taking part and a kind, in one month, one year or the whole history
/// (<see cref="Grain"/>): the <see cref="Shapes.Full"/> cells, which any read of a partner's figures merges (the filter and scope
/// as SQL over their columns, <see cref="CellSql"/>). A read that names at most one country needs no combination of countries
/// taking part, which splits the full cells by the thousand: by year and for all time, the <see cref="Shapes.Hosted"/> cells keep
/// no countries taking part, and the <see cref="Shapes.TakingPart"/> ones one per country taking part (<see cref="PartnerPlan"/>).
/// An activity sits in one cell of each shape per partner it names and grain (of the last shape, one per country taking part), so a
/// read that takes a shape counts it once under each partner. Kept by the projection beside the cube's cells, by the same key
/// mechanism (<see cref="ReportedActivity.Keys"/>).
/// </summary>
[CellColumns(nameof(Shape), nameof(Grain), nameof(Partner), nameof(Time), nameof(Programme), nameof(Host), nameof(Kind))]
public sealed class PartnerCell
{
    public const string Prefix = "pcell:";

    /// <summary>The shapes of cell, by the countries they keep.</summary>
    public static class Shapes
    {
        /// <summary>The host and every country taking part (<see cref="Parts"/>), by month, year and all time.</summary>
        public const string Full = "f";
        /// <summary>The host only (<see cref="Parts"/> empty), by year and all time.</summary>
        public const string Hosted = "h";
        /// <summary>One per country taking part (<see cref="Parts"/> that one country), without the host, by year and all time.</summary>
        public const string TakingPart = "p";
    }

    /// <summary>The grains of time a cell is kept for (<see cref="CubeTime"/>): a month, a year, or the whole history.</summary>
    public static class Grains
    {
        public const string Month = "m";
        public const string Year = "y";
        public const string All = "a";
    }

    public string Id { get; set; } = "";
    public string Shape { get; set; } = "";
    /// <summary>The organisation's code as the activity names it (lower case).</summary>
    public string Partner { get; set; } = "";
    public string Grain { get; set; } = "";
    /// <summary><c>yyyy-MM</c> by month, <c>yyyy</c> by year, <see cref="Dimensions.Undated"/> in either; empty for the whole history.</summary>
    public string Time { get; set; } = "";
    public string Programme { get; set; } = "";
    /// <summary>The host country, or <see cref="Dimensions.Regional"/>; empty in the cells of a country taking part.</summary>
    public string Host { get; set; } = "";
    /// <summary>The countries taking part other than the host, in order (<see cref="CubeCell.PartsOf"/>), as its <see cref="Shape"/> keeps them.</summary>
    public string[] Parts { get; set; } = [];
    public string Kind { get; set; } = "";
    public SliceTally Tally { get; set; } = new();

    public static bool Is(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The cells an activity sits in, per partner it names: full for its month, its year and the whole history; hosted and taking part for its year and the whole history.</summary>
    public static IEnumerable<string> KeysOf(ActivityDetails activity)
    {
        var (month, year) = (Dimensions.KeyOf(Dimensions.Month, activity), CubeRollup.YearOf(activity));
        var (programme, host, kind) = (activity.ProgrammeCode, Dimensions.KeyOf(Dimensions.Country, activity), activity.Kind);
        var parts = CubeCell.PartsOf(activity).ToList();
        foreach (var partner in Dimensions.PartnersOf(activity))
        {
            string Key(string shape, string grain, string time, string at, string countries) => $"{Prefix}{partner}|{shape}|{grain}|{time}|{programme}|{at}|{countries}|{kind}";
            yield return Key(Shapes.Full, Grains.Month, month, host, string.Join(',', parts));
            foreach (var (grain, time) in new[] { (Grains.Year, year), (Grains.All, "") })
            {
                yield return Key(Shapes.Full, grain, time, host, string.Join(',', parts));
                yield return Key(Shapes.Hosted, grain, time, host, "");
                foreach (var part in parts)
                    yield return Key(Shapes.TakingPart, grain, time, "", part);
            }
        }
    }

    /// <summary>The stored cell of a tally kept under a partner cell's key; its coordinates read back from the key.</summary>
    public static PartnerCell Of(SliceTally tally)
    {
        var parts = tally.Id[Prefix.Length..].Split('|');
        return new PartnerCell
        {
            Id = tally.Id, Partner = parts[0], Shape = parts[1], Grain = parts[2], Time = parts[3], Programme = parts[4], Host = parts[5],
            Parts = parts[6].Length == 0 ? [] : parts[6].Split(','), Kind = parts[7], Tally = tally,
        };
    }
}
