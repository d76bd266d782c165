using System.Data;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Marten;
using Marten.Linq.MatchesSql;
using Npgsql;
using ActivityTracker.Activities;

namespace ActivityTracker.Dashboards;

/// <summary>What <see cref="DashboardVerifier"/> compared and every difference it found.</summary>
/// <param name="Sequence">The stored documents were compared with the events up to this sequence: what the projection had processed.</param>
/// <param name="Periods">The periods whose kept tallies and activities (as they stood when each began, <see cref="PastTallies"/>) were compared too.</param>
public sealed record DashboardVerification(long Sequence, int Activities, int Slices, int Cells, int Rollups, int PartnerCells, int Periods, IReadOnlyList<string> Differences);

/// <summary>
/// Recomputes every dashboard from the raw events — each activity folded by
/// <see cref="ReportedActivity.Fold"/>, grouped by every dimension and by cube cell, totalled by
/// <see cref="DashboardSlice.Of"/> — and compares the result with the stored
/// <see cref="ReportedActivity"/>, <see cref="DashboardSlice"/> and <see cref="CubeCell"/> documents, value by value; and for
/// each period the projection kept tallies by (<see cref="DashboardPeriods"/>), every activity, slice and cell as it stood when the
/// period began (what time travel reads) against the activities folded from the events before the period's first.
/// </summary>
public static class DashboardVerifier
{
    const int SnapshotAttempts = 10;

    // Relaxed escaping: the differences are printed for people (México, not M\u00E9xico).
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<DashboardVerification> VerifyAsync(IDocumentStore store, CancellationToken ct)
    {
        var shard = store.Advanced.AllAsyncProjectionShardNames().Single(s => s.Name == DashboardProjection.Name);
        for (var attempt = 1; ; attempt++)
        {
            // The daemon stores the documents and its progress in one transaction. One snapshot
            // (repeatable read, taken at the session's first query) read while the progress did not
            // move therefore holds exactly the documents of the events up to that progress.
            var processed = await store.Advanced.ProjectionProgressFor(shard, token: ct);
            // This one read idles inside its transaction by design (between its queries, and while the progress is read
            // on another connection), under load for longer than the app's idle_in_transaction_session_timeout, which
            // then ended the session. It appends nothing, so it leaves no sequence hole for that timeout to guard
            // against: its connection turns the timeout off before the transaction begins (the pool's reset, DISCARD
            // ALL, restores it when the connection goes back).
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using (var noTimeout = new NpgsqlCommand("set idle_in_transaction_session_timeout = 0", connection))
                await noTimeout.ExecuteNonQueryAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await using var session = store.QuerySession(Marten.Services.SessionOptions.ForTransaction(transaction));
            var storedActivities = await session.Query<ReportedActivity>().ToListAsync(ct);
            if (await store.Advanced.ProjectionProgressFor(shard, token: ct) != processed)
            {
                if (attempt == SnapshotAttempts)
                    throw new InvalidOperationException($"The {DashboardProjection.Name} projection moved during each of {SnapshotAttempts} attempts to read a consistent snapshot.");
                continue;
            }
            // A cube cell, rollup or partner cell compares as the slice its running totals make (the figures of its members).
            var storedSlices = (await session.Query<DashboardSlice>().ToListAsync(ct))
                .Concat((await session.Query<CubeCell>().ToListAsync(ct)).Select(c => c.Tally.ToSlice()))
                .Concat((await session.Query<CubeRollup>().ToListAsync(ct)).Select(r => r.Tally.ToSlice()))
                .Concat((await session.Query<PartnerCell>().ToListAsync(ct)).Select(c => c.Tally.ToSlice()))
                .ToList();
            var periods = await session.LoadAsync<DashboardPeriods>(DashboardPeriods.DocumentId, ct);
            // Periods kept since the first event only: before a later start, the tallies are not known by period.
            var kept = periods is { FromStart: true } ? periods.Starts.Where(s => s.Sequence <= processed).ToList() : [];
            var (activities, before) = await FoldAsync(session, processed, kept, ct);
            var indicators = await DashboardProjection.IndicatorsAsync(session, ct);
            var slices = Expected(activities, indicators);

            var differences = new List<string>();
            Compare("activity", storedActivities.ToDictionary(a => a.Id.ToString(), a => a with { Since = null }), activities.ToDictionary(a => a.Id.ToString()), differences);
            Compare("slice", storedSlices.ToDictionary(s => s.Id), slices.ToDictionary(s => s.Id), differences);
            foreach (var (period, then) in before)
                await ComparePeriodAsync(session, period, then, indicators, differences, ct);
            return new DashboardVerification(processed, activities.Count, slices.Count(s => !CubeCell.Is(s.Id) && !DashboardProjection.KeptForNowOnly(s.Id)),
                slices.Count(s => CubeCell.Is(s.Id)), slices.Count(s => CubeRollup.Is(s.Id)), slices.Count(s => PartnerCell.Is(s.Id)), before.Count, differences);
        }
    }

    /// <summary>Every slice and cube cell the activities make, each by <see cref="DashboardSlice.Of"/> over its members.</summary>
    public static IReadOnlyList<DashboardSlice> Expected(IReadOnlyCollection<ReportedActivity> activities, IReadOnlyDictionary<string, Indicators.IndicatorDefinition> indicators) =>
        activities.SelectMany(a => a.Keys.Select(key => (Key: key, Activity: a)))
            .GroupBy(m => m.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var colon = g.Key.IndexOf(':');
                return DashboardSlice.Of(g.Key[..colon], g.Key[(colon + 1)..], g.Select(m => m.Activity).ToList(), indicators);
            })
            .ToList();

    /// <summary>
    /// Every activity as the projection folds it, from the events up to <paramref name="sequence"/>, read as a stream; and as they
    /// were before each period's first event (<paramref name="periods"/>).
    /// </summary>
    static async Task<(IReadOnlyList<ReportedActivity> Now, IReadOnlyList<(string Period, IReadOnlyList<ReportedActivity> Before)> Periods)> FoldAsync(
        IQuerySession session, long sequence, IReadOnlyList<DashboardPeriods.PeriodStart> periods, CancellationToken ct)
    {
        var states = new Dictionary<Guid, ReportedActivity?>();
        var before = new List<(string, IReadOnlyList<ReportedActivity>)>();
        var next = 0;
        var events = session.Events.QueryAllRawEvents().Where(e => e.Sequence <= sequence).OrderBy(e => e.Sequence);
        await foreach (var e in events.ToAsyncEnumerable(ct))
        {
            for (; next < periods.Count && periods[next].Sequence <= e.Sequence; next++)
                before.Add((periods[next].Period, states.Values.OfType<ReportedActivity>().ToList()));
            if (e.Data is IActivityEvent)
                states[e.StreamId] = ReportedActivity.Fold(states.GetValueOrDefault(e.StreamId), e);
        }
        return (states.Values.OfType<ReportedActivity>().ToList(), before);
    }

    /// <summary>
    /// The slices and cells as they stood when <paramref name="period"/> began (current ones unchanged since, else the kept ones)
    /// against what the activities then make. Each by the rules it says it was tallied by (the definitions when the projection
    /// processed it; time travel folds again when they are not those of the instant read).
    /// </summary>
    static async Task ComparePeriodAsync(IQuerySession session, string period, IReadOnlyList<ReportedActivity> then,
        IReadOnlyDictionary<string, Indicators.IndicatorDefinition> indicators, List<string> differences, CancellationToken ct)
    {
        var current = (await session.Query<SliceTally>().Where(t => t.MatchesSql(PastTallies.CurrentBefore("d.data->>'Since'"), period)).ToListAsync(ct))
            .Concat((await session.Query<CubeCell>().Where(c => c.MatchesSql(PastTallies.CurrentBefore("d.data->'Tally'->>'Since'"), period)).ToListAsync(ct)).Select(c => c.Tally));
        var kept = (await session.Query<PastSliceTally>().Where(t => t.MatchesSql(PastTallies.HeldBefore, period, period)).ToListAsync(ct)).Select(t => t.Tally)
            .Concat((await session.Query<PastCubeCell>().Where(c => c.MatchesSql(PastTallies.HeldBefore, period, period)).ToListAsync(ct)).Select(c => c.Tally));
        var stored = new Dictionary<string, SliceTally>(StringComparer.Ordinal);
        foreach (var tally in current.Concat(kept))
        {
            if (stored.ContainsKey(tally.Id))
                differences.Add($"period {period} slice {tally.Id}: held twice (a current tally and a kept one, or two kept ones)");
            stored[tally.Id] = tally;
        }
        // The activities as they stood (provenance and day ranges as of an instant read them), each once.
        var currentActivities = await session.Query<ReportedActivity>().Where(r => r.MatchesSql(PastTallies.CurrentBefore("d.data->>'Since'"), period)).ToListAsync(ct);
        var keptActivities = (await session.Query<PastActivity>().Where(a => a.MatchesSql(PastTallies.HeldBefore, period, period)).ToListAsync(ct)).Select(a => a.Activity);
        var heldActivities = new Dictionary<string, ReportedActivity>(StringComparer.Ordinal);
        foreach (var activity in currentActivities.Concat(keptActivities))
            if (!heldActivities.TryAdd(activity.Id.ToString(), activity with { Since = null }))
                differences.Add($"period {period} activity {activity.Id}: held twice (a current one and a kept one, or two kept ones)");
        Compare($"period {period} activity", heldActivities, then.ToDictionary(a => a.Id.ToString()), differences);

        // Rollups and partner cells are not kept by period (reads of the past do not use them).
        var members = then.SelectMany(a => a.Keys.Where(key => !DashboardProjection.KeptForNowOnly(key)).Select(key => (Key: key, Activity: a)))
            .ToLookup(m => m.Key, m => m.Activity, StringComparer.Ordinal);
        var expected = members.ToDictionary(g => g.Key, g =>
        {
            var colon = g.Key.IndexOf(':');
            return DashboardSlice.Of(g.Key[..colon], g.Key[(colon + 1)..], g.ToList(), stored.TryGetValue(g.Key, out var tally) ? RulesOf(tally, indicators) : indicators);
        }, StringComparer.Ordinal);
        Compare($"period {period} slice", stored.ToDictionary(t => t.Key, t => t.Value.ToSlice()), expected, differences);
    }

    /// <summary>The indicator definitions with the rules a tally's outcomes were tallied by.</summary>
    static Dictionary<string, Indicators.IndicatorDefinition> RulesOf(SliceTally tally, IReadOnlyDictionary<string, Indicators.IndicatorDefinition> indicators)
    {
        var rules = new Dictionary<string, Indicators.IndicatorDefinition>(indicators, StringComparer.OrdinalIgnoreCase);
        foreach (var (code, outcome) in tally.AllReported.Outcomes.Concat(tally.Approved.Outcomes))
            rules[code] = rules.TryGetValue(code, out var defined) ? defined with { Aggregation = outcome.Rule }
                : new Indicators.IndicatorDefinition(Guid.Empty, code, code, code, "", outcome.Rule, [], []);
        return rules;
    }

    static void Compare<T>(string kind, IReadOnlyDictionary<string, T> stored, IReadOnlyDictionary<string, T> recomputed, List<string> differences) where T : notnull
    {
        foreach (var id in stored.Keys.Union(recomputed.Keys).Order(StringComparer.Ordinal))
        {
            if (!stored.TryGetValue(id, out var s))
                differences.Add($"{kind} {id}: missing (the events make it, no document is stored)");
            else if (!recomputed.TryGetValue(id, out var r))
                differences.Add($"{kind} {id}: extra (a document is stored, the events make none)");
            else
                Diff($"{kind} {id}", "", Canonical(s), Canonical(r), differences);
        }
    }

    /// <summary>
    /// Serialized JSON with object keys in ordinal order and numbers without trailing zeros, so
    /// what jsonb reorders (dictionary keys) or rescales compares equal when the values are.
    /// </summary>
    static JsonNode? Canonical(object value) => Normalize(JsonSerializer.SerializeToNode(value, value.GetType(), Json));

    static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number
                         && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) =>
            JsonValue.Create(number / 1.0000000000000000000000000000m),
        _ => node?.DeepClone(),
    };

    /// <summary>Names each differing value by its path (<c>allReported.participants</c>); arrays of different lengths differ as a whole.</summary>
    static void Diff(string subject, string path, JsonNode? stored, JsonNode? recomputed, List<string> differences)
    {
        if (stored is JsonObject so && recomputed is JsonObject ro)
        {
            foreach (var key in so.Select(p => p.Key).Union(ro.Select(p => p.Key)).Order(StringComparer.Ordinal))
                Diff(subject, path.Length == 0 ? key : $"{path}.{key}", so[key], ro[key], differences);
        }
        else if (stored is JsonArray sa && recomputed is JsonArray ra && sa.Count == ra.Count)
        {
            for (var i = 0; i < sa.Count; i++)
                Diff(subject, $"{path}[{i}]", sa[i], ra[i], differences);
        }
        else if (!JsonNode.DeepEquals(stored, recomputed))
        {
            differences.Add($"{subject} {path}: stored {Text(stored)}, recomputed {Text(recomputed)}");
        }
    }

    static string Text(JsonNode? node) => node?.ToJsonString(Json) is { } text
        ? text.Length <= 200 ? text : text[..200] + "..."
        : "nothing";
}
