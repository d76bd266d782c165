using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Listing;
using Marten;
using Marten.Linq.MatchesSql;

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

    /// <summary>An activity about to be recorded, from the events that start it (as the rules made them: codes canonical).</summary>
    public static DuplicateProbe Of(IReadOnlyList<object> events)
    {
        var recorded = events.OfType<ActivityRecorded>().Single();
        var held = events.OfType<ActivityHeld>().FirstOrDefault();
        DateOnly? start = held?.ActualStart ?? recorded.PlannedStart;
        return new(recorded.ActivityId, recorded.Kind, recorded.Location.CountryCode, start,
            (held is null ? recorded.PlannedEnd : held.ActualEnd ?? recorded.PlannedEnd) ?? start, recorded.Title,
            [.. events.OfType<PartnerAdded>().Select(p => p.OrganisationCode)]);
    }
}

/// <summary>
/// The activities a new or changed one may duplicate: of the same kind, hosted in the same country (or both regional), on days
/// that overlap, with a similar title or a partner in common; never a cancelled one, and only among those its reader sees. The
/// app says so (the API's <c>likelyDuplicates</c>, the case file's warning); it decides nothing: two trainings of one kind in one
/// country in one week may well be two.
/// </summary>
public static class LikelyDuplicates
{
    /// <summary>Titles at least this alike (pg_trgm's own default threshold) count as similar.</summary>
    public const double SimilarTitle = 0.3;

    /// <summary>At most this many activities of the same kind, place and days are compared: the newest recorded.</summary>
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
    public static async Task<IReadOnlyList<LikelyDuplicate>> FindAsync(IQuerySession session, DuplicateProbe probe, AccessScope scope, CancellationToken ct)
    {
        if (probe.Start is not { } start || probe.End is not { } end || probe.Kind.Length == 0)
            return [];
        var candidates = session.Query<ActivityDetails>().InScopeOf(scope)
            .Where(a => a.Kind == probe.Kind && a.Id != probe.Id && !a.IsCancelled)
            // Days that overlap: an activity's first day (held, else planned) up to its last (else its first).
            .Where(a => a.MatchesSql(
                "coalesce((d.data ->> 'ActualStart')::date, (d.data ->> 'PlannedStart')::date) <= ?::date and " +
                "coalesce((d.data ->> 'ActualEnd')::date, (d.data ->> 'PlannedEnd')::date, (d.data ->> 'ActualStart')::date, (d.data ->> 'PlannedStart')::date) >= ?::date",
                end.ToString("yyyy-MM-dd"), start.ToString("yyyy-MM-dd")));
        candidates = probe.Country is { } country
            ? candidates.Where(a => a.Location.CountryCode == country)
            : candidates.Where(a => a.Location.CountryCode == null);
        var found = await candidates.OrderByDescending(a => a.RecordedAt).Take(Compared).ToListAsync(ct);
        return [.. found.Select(a => Match(probe, DuplicateProbe.Of(a))).OfType<LikelyDuplicate>()
            .OrderByDescending(d => d.SharedPartners.Count > 0 && d.SimilarTitle is not null).ThenByDescending(d => d.SimilarTitle ?? 0)
            .Take(Named)];
    }
}
