using Marten;

namespace ActivityTracker.Reference;

/// <summary>Where the store's kind documents are at: adding or renaming a kind changes it (kinds are never removed and versions only grow).</summary>
public sealed record KindStoreState(int Count, long VersionSum);

/// <summary>Reading the activity kinds from their streams' documents.</summary>
public static class KindList
{
    /// <summary>
    /// Every kind, valid for a write: the seeded kinds (with the names their streams give them, once seeded) in the seed
    /// file's order, then the kinds added since, in the order they were added.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, NamedCode>> LoadAsync(IQuerySession session, ReferenceData codes, CancellationToken ct) =>
        Merge(codes.SeededKinds, await session.Query<ActivityKindDetails>().ToListAsync(ct));

    /// <summary>The kinds <paramref name="named"/> (any case), as a write checks them: stored, or seeded.</summary>
    public static Dictionary<string, NamedCode> Named(ReferenceData codes, IEnumerable<ActivityKindDetails> stored, IEnumerable<string?> named)
    {
        var wanted = named.OfType<string>().Select(c => c.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kinds = new Dictionary<string, NamedCode>(StringComparer.OrdinalIgnoreCase);
        foreach (var seeded in codes.SeededKinds.Values.Where(k => wanted.Contains(k.Code)))
            kinds[seeded.Code] = seeded;
        foreach (var kind in stored)
            kinds[kind.Code] = kind.Named;
        return kinds;
    }

    public static Dictionary<string, NamedCode> Merge(IReadOnlyDictionary<string, NamedCode> seeded, IReadOnlyList<ActivityKindDetails> stored)
    {
        var byCode = stored.ToDictionary(k => k.Code, StringComparer.OrdinalIgnoreCase);
        var kinds = new Dictionary<string, NamedCode>(StringComparer.OrdinalIgnoreCase);
        foreach (var kind in seeded.Values)
            kinds[kind.Code] = byCode.TryGetValue(kind.Code, out var renamed) ? renamed.Named : kind;
        foreach (var kind in stored.Where(k => !seeded.ContainsKey(k.Code)).OrderBy(k => k.Position))
            kinds[kind.Code] = kind.Named;
        return kinds;
    }

    /// <summary>Reads the kinds from the store and makes them <paramref name="codes"/>' live list.</summary>
    public static async Task RefreshAsync(IQuerySession session, ReferenceData codes, CancellationToken ct)
    {
        var stored = await session.Query<ActivityKindDetails>().ToListAsync(ct);
        codes.UseKinds(Merge(codes.SeededKinds, stored).Values, new KindStoreState(stored.Count, stored.Sum(k => k.Version)));
    }
}
