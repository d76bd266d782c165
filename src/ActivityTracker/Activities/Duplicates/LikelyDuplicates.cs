using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Listing;
using Marten;

namespace ActivityTracker.Activities.Duplicates;

/// <summary>Another activity that may be the same one reported twice, and why it looks so.</summary>
/// <param name="SimilarTitle">How alike the titles are (<see cref="TitleSimilarity"/>), when alike enough to say.</param>
/// <param name="SharedPartners">The partners both name.</param>
public sealed record LikelyDuplicate(Guid Id, string Title, DateOnly? Start, DateOnly? End, string? Country, double? SimilarTitle,
    IReadOnlyList<string> SharedPartners);

/// <summary>What is compared of an activity: its kind, host, days, title and partners.</summary>
public sealed record DuplicateProbe(Guid Id, string Kind, string? Country, DateOnly? Start, DateOnly? End, string Title, IReadOnlyList<string> Partners)
{
    public static DuplicateProbe Of(ActivityDetails a) => new(a.Id, a.Kind, a.Location.CountryCode, a.ActualStart ?? a.PlannedStart,
        a.ActualEnd ?? a.PlannedEnd ?? a.ActualStart ?? a.PlannedStart, a.Title, [.. a.Partners.Select(p => p.OrganisationCode)]);
}

/// <summary>
/// The activities a new or changed one may duplicate: of the same kind, hosted in the same country (or both regional), on days
/// that overlap, with a similar title or a partner in common; never a cancelled one or one already marked a duplicate, and only
/// among those its reader sees. The
/// app says so (<c>GET /api/activities/{id}/likely-duplicates</c>, the answer to submitting it, the case file's warning); it decides nothing: two trainings of one kind in one
/// country in one week may well be two.
/// </summary>
public static class LikelyDuplicates
{
    /// <summary>Titles at least this alike (pg_trgm's own default threshold) count as similar.</summary>
    public const double SimilarTitle = 0.3;

    /// <summary>
    /// At most this many activities of the same kind and host are compared: the newest recorded. A report recorded again after
    /// more than this many others of its kind and country is not found (an import of old reports); the cost of a lookup stays bounded.
    /// </summary>
    public const int Compared = 200;

    /// <summary>At most this many are named.</summary>
    public const int Named = 10;

    /// <summary>Why <paramref name="other"/> may be <paramref name="probe"/> reported again; null when it does not look so.</summary>
    public static LikelyDuplicate? Match(DuplicateProbe probe, DuplicateProbe other)
    {
        if (other.Id == probe.Id || !string.Equals(other.Kind, probe.Kind, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(other.Country, probe.Country, StringComparison.OrdinalIgnoreCase)
            || probe.Start is not { } start || other.Start is not { } otherStart || otherStart > probe.End || other.End < start)
            return null;
        var similarity = TitleSimilarity.Of(probe.Title, other.Title);
        var shared = probe.Partners.Intersect(other.Partners, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        return similarity >= SimilarTitle || shared.Count > 0
            ? new LikelyDuplicate(other.Id, other.Title, other.Start, other.End, other.Country, similarity >= SimilarTitle ? Math.Round(similarity, 2) : null, shared)
            : null;
    }

    /// <summary>The likely duplicates of <paramref name="probe"/> that <paramref name="scope"/> reads, the most alike first.</summary>
    public static async Task<IReadOnlyList<LikelyDuplicate>> FindAsync(IQuerySession session, DuplicateProbe probe, AccessScope scope, CancellationToken ct) =>
        probe.Start is null || probe.Kind.Length == 0 ? [] : Ranked(probe, await CandidatesAsync(session, probe, scope, ct));

    /// <summary>
    /// The likely duplicates of each of <paramref name="probes"/> (an import's batch, stored already), by probe id; those with none
    /// are left out. One read per kind and host among them, not one per probe.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<LikelyDuplicate>>> FindManyAsync(IQuerySession session, IReadOnlyCollection<DuplicateProbe> probes,
        AccessScope scope, CancellationToken ct)
    {
        var found = new Dictionary<Guid, IReadOnlyList<LikelyDuplicate>>();
        foreach (var group in probes.Where(p => p.Start is not null && p.Kind.Length > 0).GroupBy(p => (p.Kind, p.Country)))
        {
            var candidates = await CandidatesAsync(session, group.First(), scope, ct);
            foreach (var probe in group)
                if (Ranked(probe, candidates) is { Count: > 0 } likely)
                    found[probe.Id] = likely;
        }
        return found;
    }

    static IReadOnlyList<LikelyDuplicate> Ranked(DuplicateProbe probe, IEnumerable<DuplicateProbe> candidates) =>
        [.. candidates.Select(c => Match(probe, c)).OfType<LikelyDuplicate>()
            .OrderByDescending(d => d.SharedPartners.Count > 0 && d.SimilarTitle is not null).ThenByDescending(d => d.SimilarTitle ?? 0)
            .Take(Named)];

    /// <summary>What <paramref name="probe"/> is compared with: the newest of its kind and host (<see cref="Compared"/>) the scope reads.</summary>
    static async Task<IReadOnlyList<DuplicateProbe>> CandidatesAsync(IQuerySession session, DuplicateProbe probe, AccessScope scope, CancellationToken ct)
    {
        // The newest of its host and kind, walked in their index: a bounded read (a page, a submit), whatever the history holds.
        // The days and the rest are compared by Match.
        var candidates = session.Query<ActivityDetails>().InScopeOf(scope).Where(a => a.Kind == probe.Kind && !a.IsCancelled && a.DuplicateOf == null);
        candidates = probe.Country is { } country
            ? candidates.Where(a => a.Location.CountryCode == country)
            : candidates.Where(a => a.Location.CountryCode == null);
        // What is compared, built in the database: not whole case files (a lookup reads up to Compared of them).
        var found = await candidates.OrderByDescending(a => a.RecordedAt).Take(Compared)
            .Select(a => new ActivityDetails
            {
                Id = a.Id, Kind = a.Kind, Title = a.Title, Location = a.Location, Partners = a.Partners,
                PlannedStart = a.PlannedStart, PlannedEnd = a.PlannedEnd, ActualStart = a.ActualStart, ActualEnd = a.ActualEnd,
            })
            .ToListAsync(ct);
        return [.. found.Select(DuplicateProbe.Of)];
    }
}
