using System.Text.Json;

namespace ActivityTracker.Dashboards;

/// <summary>
/// A stored slice's tally as it stood during the periods <see cref="From"/> up to (not including) <see cref="Until"/>: the
/// projection keeps the tally it is about to change for the first time in a period (<see cref="DashboardPeriods"/>; <see cref="SliceTally.Since"/> earlier),
/// so a tally as it stood before any period began is either the current one (unchanged since) or one of these.
/// </summary>
public sealed class PastSliceTally
{
    public string Id { get; set; } = "";
    /// <summary>The slice (the current tally's id, e.g. <c>country:MX</c>).</summary>
    public string Key { get; set; } = "";
    public string From { get; set; } = "";
    public string Until { get; set; } = "";
    public SliceTally Tally { get; set; } = new();
}

/// <summary>A cube cell as it stood during the periods <see cref="From"/> up to <see cref="Until"/>, as <see cref="PastSliceTally"/> keeps a slice.</summary>
public sealed class PastCubeCell : CubeCell
{
    public string From { get; set; } = "";
    public string Until { get; set; } = "";
}

/// <summary>
/// An activity as it stood during the periods <see cref="From"/> up to <see cref="Until"/>, kept by the projection before its
/// first change in a period as it keeps a tally: the activities behind a figure and the edge months of a day range, as of an
/// instant, are read from them. <see cref="Keys"/> are its slices then, indexed as <see cref="ReportedActivity.Keys"/> are.
/// </summary>
public sealed class PastActivity
{
    public string Id { get; set; } = "";
    public string From { get; set; } = "";
    public string Until { get; set; } = "";
    public string[] Keys { get; set; } = [];
    public ReportedActivity Activity { get; set; } = new();

    /// <summary>An activity as it stands now, kept for the periods it held (from its <see cref="ReportedActivity.Since"/> up to <paramref name="until"/>).</summary>
    public static PastActivity Keep(ReportedActivity activity, string until) => new()
    {
        Id = $"{activity.Id}@{activity.Since}", From = activity.Since ?? "", Until = until, Keys = activity.Keys, Activity = activity,
    };
}

/// <summary>The past tallies (<see cref="PastSliceTally"/>, <see cref="PastCubeCell"/>) the projection keeps, and how a read selects them.</summary>
public static class PastTallies
{
    // A copy, not the instance the projection goes on changing: documents are serialized when the batch is saved.
    static readonly JsonSerializerOptions Copying = new();

    /// <summary>A tally as it stands now, kept for the periods it held (from its <see cref="SliceTally.Since"/> up to <paramref name="until"/>).</summary>
    public static object Keep(SliceTally tally, string until)
    {
        var copy = JsonSerializer.Deserialize<SliceTally>(JsonSerializer.Serialize(tally, Copying), Copying)!;
        var id = $"{tally.Id}@{tally.Since}";
        if (!CubeCell.Is(tally.Id))
            return new PastSliceTally { Id = id, Key = tally.Id, From = tally.Since, Until = until, Tally = copy };
        var cell = CubeCell.Of(copy);
        return new PastCubeCell
        {
            Id = id, Programme = cell.Programme, Host = cell.Host, Parts = cell.Parts, Month = cell.Month, Kind = cell.Kind, Status = cell.Status,
            Tally = copy, From = tally.Since, Until = until,
        };
    }

    /// <summary>The condition on a current tally's period (<paramref name="since"/>, SQL) for it to hold before a period (the parameter) began.</summary>
    public static string CurrentBefore(string since) => $"coalesce({since}, '') < ?";

    /// <summary>
    /// The condition on a past tally's periods for it to be the one that held before a period began (two parameters, the period twice):
    /// on their columns (a tally kept before <c>from</c> was one reads it from the document).
    /// </summary>
    public const string HeldBefore = "coalesce(d.\"from\", d.data->>'From') < ? and d.until >= ?";
}
