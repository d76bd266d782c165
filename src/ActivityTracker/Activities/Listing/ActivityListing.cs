using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using Marten;
using Marten.Linq.MatchesSql;

namespace ActivityTracker.Activities.Listing;

/// <summary>One page of the activity list and where the next one starts (null on the last page).</summary>
public sealed record ListedActivities(IReadOnlyList<ActivityDetails> Items, ListPosition? Next);

/// <summary>
/// The activity list as database queries, shared by <c>GET /api/activities</c>, the activities page, the review
/// queue and the exports. Every predicate and the order are on the columns <see cref="ActivitiesConfiguration"/>
/// duplicates and indexes: a page reads its 20 rows off an index, however many activities there are, and nothing
/// counts them all unless asked.
/// </summary>
public static class ActivityListing
{
    /// <summary>The same rule as <see cref="AccessScope.Covers"/>: programme in scope and (host or a participating country in scope).</summary>
    public static IQueryable<ActivityDetails> InScopeOf(this IQueryable<ActivityDetails> activities, AccessScope scope)
    {
        if (!scope.AllProgrammes)
        {
            var programmes = scope.Programmes.ToArray();
            activities = activities.Where(a => a.ProgrammeCode.IsOneOf(programmes));
        }
        if (!scope.AllCountries)
        {
            // Both halves in SQL so each uses its index (B-tree on the host, GIN on the participating countries),
            // combined with a bitmap OR; LINQ's Any() over the list reads the JSON instead.
            var countries = scope.Countries.ToArray();
            activities = activities.Where(a => a.MatchesSql("(d.location_country_code = ANY(?) OR d.participating_countries && ?)", countries, countries));
        }
        return activities;
    }

    /// <summary>Newest recorded first, the id breaking ties: the order of the index on (recorded_at, id).</summary>
    public static IQueryable<ActivityDetails> NewestFirst(this IQueryable<ActivityDetails> activities) =>
        activities.OrderByDescending(a => a.RecordedAt).ThenByDescending(a => a.Id);

    /// <summary>The activities that come after <paramref name="position"/> in <see cref="NewestFirst"/> order.</summary>
    /// <remarks>A row comparison, which PostgreSQL turns into where to start walking the index.</remarks>
    public static IQueryable<ActivityDetails> After(this IQueryable<ActivityDetails> activities, ListPosition position) =>
        activities.Where(a => a.MatchesSql("(d.recorded_at, d.id) < (?, ?)", position.RecordedAt, position.Id));

    /// <summary>
    /// <paramref name="size"/> activities of <paramref name="activities"/>, newest first: those after <paramref name="after"/>,
    /// or the first ones less <paramref name="skip"/> (the page numbers of older clients: the rows skipped are still read).
    /// One row more than the page tells whether there is a next page, without counting.
    /// </summary>
    public static async Task<ListedActivities> PageAsync(this IQueryable<ActivityDetails> activities, IQuerySession session,
        ListPosition? after, int skip, int size, CancellationToken ct)
    {
        if (after is { } position)
            activities = activities.After(position);
        var rows = await activities.NewestFirst().Skip(skip).Take(size + 1).ToListAsync(ct);
        var items = rows.Take(size).ToList();
        return new ListedActivities(items, rows.Count > size ? await EndOfAsync(session, items[^1].Id, ct) : null);
    }

    /// <summary>
    /// The position after <paramref name="id"/>, as its row stores it. Not from the document: the column keeps
    /// microseconds, which the document's time (ticks) may round to either way (Npgsql truncates when Marten writes
    /// the row; PostgreSQL rounds when a schema migration fills the column from the JSON), and a position one
    /// microsecond off repeats or skips that activity. One lookup by primary key.
    /// </summary>
    static async Task<ListPosition> EndOfAsync(IQuerySession session, Guid id, CancellationToken ct)
    {
        var table = $"{session.DocumentStore.Options.DatabaseSchemaName}.mt_doc_activitydetails";
        var recordedAt = await session.AdvancedSql.QueryAsync<DateTimeOffset>($"select recorded_at from {table} where id = ?", ct, id);
        return new ListPosition(recordedAt.Single(), id);
    }
}
