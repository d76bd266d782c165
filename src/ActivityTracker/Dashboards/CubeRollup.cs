using ActivityTracker.Activities.GettingDetails;

namespace ActivityTracker.Dashboards;

/// <summary>
/// A coarser cell of the cube, kept beside the cells for the reads that need no month: the activities that share a programme
/// (<see cref="Shapes.Programme"/>), also a kind and a status (<see cref="Shapes.ProgrammeKind"/>), a host and a programme
/// (<see cref="Shapes.HostProgramme"/>), also a kind and a status (<see cref="Shapes.HostProgrammeKind"/>), or,
/// one per country taking part, that country, host and programme (<see cref="Shapes.TakingPartByHost"/>), also a kind and
/// a status (<see cref="Shapes.TakingPart"/>), in one
/// reporting year (<see cref="Time"/> <c>2021</c>, or <c>undated</c>) or over the whole history (<see cref="Time"/> empty).
/// Beside them, by programme and month (<see cref="Shapes.ProgrammeMonth"/>), a programme's trend over the whole region, and by
/// country taking part, programme and month (<see cref="Shapes.TakingPartMonth"/>), a country's trend of what it took part in.
/// A month's cells split by every combination of countries taking part; these do not, so a dashboard over whole years or
/// all time merges tens of them where it would merge thousands of cells. Each activity sits in exactly one rollup of each
/// shape and grain (one per country taking part for that shape), so a read that takes one shape and grain counts it once.
/// </summary>
[CellColumns(nameof(Shape), nameof(Time), nameof(Part), nameof(Host), nameof(Programme), nameof(Kind), nameof(Status))]
public sealed class CubeRollup
{
    public const string Prefix = "rollup:";

    /// <summary>The shapes of rollup, by the coordinates they keep.</summary>
    public static class Shapes
    {
        public const string Programme = "p";
        public const string ProgrammeKind = "pks";
        /// <summary>By programme and month (<see cref="Time"/> <c>yyyy-MM</c> or <c>undated</c>): a programme's trend.</summary>
        public const string ProgrammeMonth = "pm";
        public const string HostProgramme = "hp";
        public const string HostProgrammeKind = "hpks";
        public const string TakingPart = "part";
        public const string TakingPartByHost = "ph";
        /// <summary>By country taking part, programme and month (<see cref="Time"/> as in <see cref="ProgrammeMonth"/>): a country's trend of taking part.</summary>
        public const string TakingPartMonth = "ppm";
    }

    public string Id { get; set; } = "";
    public string Shape { get; set; } = "";
    /// <summary>The country taking part (<see cref="Shapes.TakingPart"/>), else empty.</summary>
    public string Part { get; set; } = "";
    /// <summary>The host country, or <see cref="Dimensions.Regional"/>; empty in the shapes by programme.</summary>
    public string Host { get; set; } = "";
    public string Programme { get; set; } = "";
    /// <summary>The reporting year (<c>yyyy</c>; a month, <c>yyyy-MM</c>, in <see cref="Shapes.ProgrammeMonth"/>) or <see cref="Dimensions.Undated"/>; empty for the whole history.</summary>
    public string Time { get; set; } = "";
    /// <summary>Empty in the shapes that do not name it.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Empty in the shapes that do not name it.</summary>
    public string Status { get; set; } = "";
    public SliceTally Tally { get; set; } = new();

    public static bool Is(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The rollups an activity sits in: their keys among <see cref="ReportedActivity.Keys"/>.</summary>
    public static IEnumerable<string> KeysOf(ActivityDetails activity)
    {
        var (host, programme, kind, status) = (Dimensions.KeyOf(Dimensions.Country, activity), activity.ProgrammeCode, activity.Kind,
            Dimensions.KeyOf(Dimensions.Status, activity));
        var month = Dimensions.KeyOf(Dimensions.Month, activity);
        yield return Key(Shapes.ProgrammeMonth, "", "", programme, month, "", "");
        foreach (var part in CubeCell.PartsOf(activity))
            yield return Key(Shapes.TakingPartMonth, part, "", programme, month, "", "");
        foreach (var time in new[] { YearOf(activity), "" })
        {
            yield return Key(Shapes.Programme, "", "", programme, time, "", "");
            yield return Key(Shapes.ProgrammeKind, "", "", programme, time, kind, status);
            yield return Key(Shapes.HostProgramme, "", host, programme, time, "", "");
            yield return Key(Shapes.HostProgrammeKind, "", host, programme, time, kind, status);
            foreach (var part in CubeCell.PartsOf(activity))
            {
                yield return Key(Shapes.TakingPartByHost, part, host, programme, time, "", "");
                yield return Key(Shapes.TakingPart, part, host, programme, time, kind, status);
            }
        }
    }

    /// <summary>The activity's reporting year (<c>yyyy</c>), or <see cref="Dimensions.Undated"/>.</summary>
    public static string YearOf(ActivityDetails activity) => ReportedActivity.MonthOf(activity) is { } month ? month[..4] : Dimensions.Undated;

    static string Key(params string[] coordinates) => Prefix + string.Join('|', coordinates);

    /// <summary>The stored rollup of a tally kept under a rollup key; its coordinates read back from the key.</summary>
    public static CubeRollup Of(SliceTally tally)
    {
        var parts = tally.Id[Prefix.Length..].Split('|');
        return new CubeRollup
        {
            Id = tally.Id, Shape = parts[0], Part = parts[1], Host = parts[2], Programme = parts[3], Time = parts[4], Kind = parts[5], Status = parts[6],
            Tally = tally,
        };
    }

    /// <summary>
    /// As a cell (<see cref="CubeCell.KeysIn"/> by the coordinates its shape keeps; its time as the month): a rollup of a country taking
    /// part has that country as its only part, so it belongs to that country's slice only (the reads take it for one country).
    /// </summary>
    public CubeCell AsCell() => new()
    {
        Id = Id, Programme = Programme, Host = Host, Parts = Part.Length == 0 ? [] : [Part], Month = Time, Kind = Kind, Status = Status, Tally = Tally,
    };
}
