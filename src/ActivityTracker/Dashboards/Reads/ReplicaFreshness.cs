namespace ActivityTracker.Dashboards.Reads;

/// <summary>
/// How fresh a streaming replica is, in time rather than bytes. Physical replication replays the
/// primary's WAL in order, whole transactions at their commit records, so whatever the replica
/// shows is the primary as it was at some earlier moment; what needs a bound is how long ago that
/// moment was. This keeps a history of the primary's WAL position (<c>pg_current_wal_lsn()</c>) by
/// time; a replica that has replayed up to an LSN holds every transaction the primary had
/// committed when it was at that position (a commit returns only after its record is written), so
/// it is at least as fresh as the primary was at the newest sample whose LSN it has reached.
/// Measuring in time is what an idle primary needs: its LSN stands still, so a replica that has
/// everything is fresh as of the latest sample, however long ago the last write was (unlike
/// <c>pg_last_xact_replay_timestamp()</c>, which ages while nothing happens).
/// </summary>
public sealed class ReplicaFreshness
{
    /// <summary>How far back the primary's positions are kept; a replica behind all of them is "more than this" stale.</summary>
    public static readonly TimeSpan History = TimeSpan.FromMinutes(10);

    readonly List<(DateTimeOffset At, ulong Lsn)> _primary = [];
    readonly Lock _lock = new();

    /// <summary>The primary was at <paramref name="lsn"/> at <paramref name="at"/> (samples come in time order).</summary>
    public void PrimaryAt(DateTimeOffset at, ulong lsn)
    {
        lock (_lock)
        {
            // Only the newest time at a position matters: an idle primary keeps one entry.
            if (_primary.Count > 0 && _primary[^1].Lsn == lsn)
                _primary[^1] = (at, lsn);
            else
                _primary.Add((at, lsn));
            var expired = _primary.FindIndex(s => s.At >= at - History);
            if (expired > 0)
                _primary.RemoveRange(0, expired);
        }
    }

    /// <summary>
    /// The latest moment the replica, replayed up to <paramref name="replayLsn"/>, is known to be as
    /// fresh as the primary; null when it is behind every position kept (or none was sampled yet).
    /// </summary>
    public DateTimeOffset? FreshAsOf(ulong replayLsn)
    {
        lock (_lock)
        {
            for (var i = _primary.Count - 1; i >= 0; i--)
                if (_primary[i].Lsn <= replayLsn)
                    return _primary[i].At;
            return null;
        }
    }
}
