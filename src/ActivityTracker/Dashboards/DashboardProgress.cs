using System.Globalization;
using Marten;

namespace ActivityTracker.Dashboards;

/// <summary>
/// How far the Dashboards projection has got, as the reader's source sees it: the sequence of the last event it
/// processed, and the generation of its tallies (<see cref="DashboardPeriods.Generation"/>: a new one each time it
/// starts from nothing, a rebuild or a new store). Between two readings of the same generation, the projection
/// changed only the cells its batches in between say (<see cref="DashboardChange"/>); across generations, or going
/// back, anything may have changed. Open pages (<see cref="DashboardUpdates"/>) and kept reads
/// (<see cref="DashboardReadCache"/>) compare readings this way. <see cref="Rollups"/>: whether reads may take whole years and
/// the whole history from the rollups (<see cref="DashboardPeriods.Rollups"/>); <see cref="PartnerCells"/>, partners' figures from
/// their cells (<see cref="DashboardPeriods.PartnerCells"/>).
/// </summary>
public sealed record DashboardProgress(long Sequence, Guid Generation, bool Rollups = false, bool PartnerCells = false)
{
    public static async Task<DashboardProgress> ReadAsync(IQuerySession session, CancellationToken ct)
    {
        var options = session.DocumentStore.Options;
        // Development creates tables on first use: a store that never projected has no periods table yet.
        await session.DocumentStore.Storage.Database.EnsureStorageExistsAsync(typeof(DashboardPeriods), ct);
        var progression = $"{options.Events.DatabaseSchemaName}.mt_event_progression";
        var periods = $"{options.DatabaseSchemaName}.mt_doc_dashboardperiods";
        // One text ("1234|guid|true|false"): a scalar Marten reads without a document type, in one round trip.
        var row = (await session.QueryAsync<string>(
            $"select coalesce((select max(last_seq_id) from {progression} where name like ?), 0) || '|' || " +
            $"coalesce((select (d.data->>'Generation') || '|' || coalesce(d.data->>'Rollups', 'false') || '|' || coalesce(d.data->>'PartnerCells', 'false') " +
            $"from {periods} d where d.id = ?), '|false|false')",
            ct, DashboardProjection.Name + ":%", DashboardPeriods.DocumentId)).Single().Split('|');
        return new DashboardProgress(long.Parse(row[0], CultureInfo.InvariantCulture), Guid.TryParse(row[1], out var generation) ? generation : Guid.Empty,
            row[2] == "true", row[3] == "true");
    }

    /// <summary>Whether the cells changed since <paramref name="earlier"/> are those its batches since recorded (same generation, not gone back).</summary>
    public bool Follows(DashboardProgress earlier) => Generation == earlier.Generation && Sequence >= earlier.Sequence;

    /// <summary>
    /// The cells the batches after <paramref name="earlier"/> up to this reading touched; everything when that is not known: another
    /// generation, or more cells than pages are told one by one (<see cref="DashboardChange.MostCellsTold"/>).
    /// </summary>
    public async Task<DashboardTouch> TouchedSinceAsync(IQuerySession session, DashboardProgress earlier, CancellationToken ct)
    {
        if (!Follows(earlier))
            return DashboardTouch.Everything;
        if (Sequence == earlier.Sequence)
            return DashboardTouch.Of([]);
        var changes = await session.Query<DashboardChange>().Where(c => c.Sequence > earlier.Sequence && c.Sequence <= Sequence).Select(c => c.Cells).ToListAsync(ct);
        var cells = changes.SelectMany(c => c).ToList();
        return cells.Count > DashboardChange.MostCellsTold ? DashboardTouch.Everything : DashboardTouch.Of(cells);
    }
}
