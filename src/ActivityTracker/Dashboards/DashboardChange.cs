namespace ActivityTracker.Dashboards;

/// <summary>
/// Which cells of the cube one batch of the <see cref="DashboardProjection"/> touched (before and after each change),
/// written in the batch's own transaction. Every node reads them when the projection moves on
/// (<see cref="DashboardUpdates"/>), so an open page refreshes only when a cell it shows changed. Kept for
/// <see cref="Retention"/>: a node that has not read them for longer refreshes every page once.
/// </summary>
public sealed class DashboardChange
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    /// <summary>More cells than this in one read (a rebuild, a revised indicator) is told to pages as "everything".</summary>
    public const int MostCellsTold = 10_000;

    /// <summary>
    /// Whether the changes after a reading taken at <paramref name="readAt"/> are all still kept at <paramref name="now"/>: a reader
    /// that has not looked for longer than half the retention treats everything as changed.
    /// </summary>
    public static bool KeptSince(DateTimeOffset readAt, DateTimeOffset now) => now - readAt <= Retention / 2;

    public string Id { get; set; } = "";
    /// <summary>The batch's last event.</summary>
    public long Sequence { get; set; }
    /// <summary>When that event was appended: what <see cref="Retention"/> is counted from, so a rebuild writes the same.</summary>
    public DateTimeOffset At { get; set; }
    public string[] Cells { get; set; } = [];

    public static DashboardChange Of(long sequence, DateTimeOffset at, IEnumerable<string> cells) =>
        new() { Id = $"change:{sequence}", Sequence = sequence, At = at, Cells = [.. cells] };
}
