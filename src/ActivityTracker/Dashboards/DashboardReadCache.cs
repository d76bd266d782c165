using System.Globalization;
using System.Runtime.CompilerServices;
using ActivityTracker.Access;
using Marten;

namespace ActivityTracker.Dashboards;

/// <summary>
/// Dashboard reads already answered, kept until a cell they read changes: the same dashboard asked again (a page
/// reloaded, managers on one programme, ten pages refreshed by one write) costs a reading of the projection's progress,
/// not a read of its cells. Every read first catches up with the projection (<see cref="DashboardProgress"/>): the kept
/// reads that the cells its batches touched since concern (<see cref="DashboardInterest.Covers"/>, which errs on the
/// side of yes) are dropped, and all of them when what changed is not known (another generation, a long gap). So a kept
/// read is never older than the cells the request would read. Bounded by the slices held (<see cref="MostSlicesKept"/>,
/// the oldest read dropped first) and by age (<see cref="LongestKept"/>); as-of reads are not kept. One per document
/// store: each node, and each test host, has its own.
/// </summary>
public sealed class DashboardReadCache
{
    /// <summary>
    /// At most this many slices held (a read of every country is one per country; a few kilobytes each): tens of megabytes
    /// however many different reads are asked (a date range is any two days).
    /// </summary>
    public const int MostSlicesKept = 5_000;

    /// <summary>No read is kept longer, whatever changed: within the time the changes are kept (<see cref="DashboardChange.Retention"/>).</summary>
    public static readonly TimeSpan LongestKept = DashboardChange.Retention / 2;

    static readonly ConditionalWeakTable<IDocumentStore, DashboardReadCache> Stores = [];

    public static DashboardReadCache Of(IDocumentStore store) => Stores.GetValue(store, _ => new DashboardReadCache());

    readonly TimeProvider _clock = TimeProvider.System;
    readonly Lock _gate = new();
    readonly SemaphoreSlim _catchingUp = new(1, 1);
    readonly OrderedDictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    readonly Dictionary<string, Reading> _reading = new(StringComparer.Ordinal);
    DashboardProgress? _at;
    DateTimeOffset _readAt;
    int _slices;

    DashboardReadCache()
    {
    }

    sealed record Kept(DashboardInterest Interest, AccessScope Scope, object Answer, int Slices, DateTimeOffset ReadAt);

    /// <summary>The kept read of this filter, scope, cut and slice when no cell it read has changed since; else <paramref name="read"/>, kept.</summary>
    public Task<CubeCuts> CutsAsync(IQuerySession session, DashboardFilter filter, AccessScope scope, IReadOnlyList<string> dimensions, SliceKey? slice,
        Func<DashboardProgress, Task<CubeCuts>> read, CancellationToken ct) =>
        ReadAsync(session, "cuts:" + string.Join(',', dimensions), new DashboardInterest(filter, slice), scope, read,
            cuts => cuts.FoldedAgain ? null : cuts.By.Values.Sum(s => s.Count), ct);

    /// <summary>
    /// The kept answer of the read <paramref name="what"/> of the cells <paramref name="interest"/> selects for <paramref name="scope"/> when
    /// none of them changed since; else <paramref name="read"/> (given the projection's progress it reads at), kept as <paramref name="slices"/>
    /// slices (null: not kept).
    /// </summary>
    public async Task<T> ReadAsync<T>(IQuerySession session, string what, DashboardInterest interest, AccessScope scope, Func<DashboardProgress, Task<T>> read,
        Func<T, int?> slices, CancellationToken ct) where T : class
    {
        var now = await DashboardProgress.ReadAsync(session, ct);
        await CatchUpAsync(session, now, ct);
        var key = KeyOf(what, interest, scope);
        Reading? other = null;
        var mine = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_kept.TryGetValue(key, out var kept) && _clock.GetUtcNow() - kept.ReadAt <= LongestKept)
                return (T)kept.Answer;
            // Pages told of one change ask at once: the same read from the same progress is made once, the others wait for it.
            if (_reading.TryGetValue(key, out other) && other.At != now)
                other = null;
            if (other is null)
                _reading[key] = new Reading(now, mine.Task);
        }
        // The maker's read failed or was cancelled (null): this request reads for itself.
        if (other is not null)
            return await other.Answer.WaitAsync(ct) as T ?? await read(now);
        T? answer = null;
        try
        {
            answer = await read(now);
            if (slices(answer) is { } size)
                Keep(key, now, new Kept(interest, scope, answer, Math.Max(1, size), _clock.GetUtcNow()));
            return answer;
        }
        finally
        {
            mine.SetResult(answer);
            lock (_gate)
                if (_reading.TryGetValue(key, out var current) && current.Answer == mine.Task)
                    _reading.Remove(key);
        }
    }

    sealed record Reading(DashboardProgress At, Task<object?> Answer);

    /// <summary>Drops the kept reads the projection's batches since the last reading concern, up to <paramref name="now"/>.</summary>
    async Task CatchUpAsync(IQuerySession session, DashboardProgress now, CancellationToken ct)
    {
        if (Current(now))
            return;
        await _catchingUp.WaitAsync(ct);
        try
        {
            DashboardProgress? at;
            DateTimeOffset readAt;
            lock (_gate)
                (at, readAt) = (_at, _readAt);
            if (Current(now))
                return;
            var touch = at is not null && DashboardChange.KeptSince(readAt, _clock.GetUtcNow())
                ? await now.TouchedSinceAsync(session, at, ct)
                : DashboardTouch.Everything;
            lock (_gate)
            {
                foreach (var key in _kept.Where(k => touch.Concerns(k.Value.Interest, k.Value.Scope)).Select(k => k.Key).ToList())
                    Drop(key);
                (_at, _readAt) = (now, _clock.GetUtcNow());
            }
        }
        finally
        {
            _catchingUp.Release();
        }
    }

    /// <summary>
    /// Whether the kept reads are as recent as <paramref name="now"/> or more: a reading behind them (another request's, a replica a
    /// little behind the primary) is served the later figures rather than dropping them.
    /// </summary>
    bool Current(DashboardProgress now)
    {
        lock (_gate)
            return _at is { } at && at.Generation == now.Generation && at.Sequence >= now.Sequence;
    }

    /// <summary>Keeps a read made at <paramref name="at"/>, unless the cache caught up past it meanwhile (its cells may have changed since).</summary>
    void Keep(string key, DashboardProgress at, Kept kept)
    {
        lock (_gate)
        {
            if (_at != at)
                return;
            Drop(key);
            _kept.Add(key, kept);
            _slices += kept.Slices;
            while (_slices > MostSlicesKept && _kept.Count > 1)
                Drop(_kept.GetAt(0).Key);
        }
    }

    void Drop(string key)
    {
        if (_kept.Remove(key, out var kept))
            _slices -= kept.Slices;
    }

    /// <summary>What makes two reads the same: what is read, the filter (codes as the cube compares them, in any case), the slice and the scope.</summary>
    static string KeyOf(string what, DashboardInterest interest, AccessScope scope)
    {
        static string Codes(bool all, IEnumerable<string> codes) => all ? "*" : string.Join(',', codes.Select(c => c.ToUpperInvariant()).Order(StringComparer.Ordinal));
        var filter = interest.Filter;
        return string.Join('\n', what,
            filter.From?.ToString("O", CultureInfo.InvariantCulture), filter.To?.ToString("O", CultureInfo.InvariantCulture),
            filter.Programme?.ToUpperInvariant(), filter.Country?.ToUpperInvariant(), filter.Kind?.ToLowerInvariant(), filter.Role,
            interest.Slice?.Dimension, interest.Slice?.Key, Codes(scope.AllProgrammes, scope.Programmes), Codes(scope.AllCountries, scope.Countries));
    }
}
