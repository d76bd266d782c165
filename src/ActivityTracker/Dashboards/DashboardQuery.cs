using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Localization;
using ActivityTracker.Programmes;
using ActivityTracker.Reference;
using Marten;

namespace ActivityTracker.Dashboards;

/// <summary>
/// What a dashboard request asks for: activities reported between two dates (by the date they
/// took place or were planned), of a programme, country or kind, as the store stood at an
/// instant. Every part is optional. <paramref name="Role"/> says how <paramref name="Country"/> (and the
/// country slices a dashboard is cut into) relates to an activity: the host (the default), a country taking
/// part in an activity hosted elsewhere, or either; an activity still counts once.
/// </summary>
public sealed record DashboardFilter(DateOnly? From, DateOnly? To, string? Programme, string? Country, string? Kind, DateTimeOffset? AsOf,
    CountryRole Role = CountryRole.Host)
{
    /// <summary>
    /// A filter from a request's parameters; a <paramref name="role"/> that is not one is kept in <see cref="UnreadRole"/>
    /// for <see cref="CheckAsync"/> to name (the filter reads as the host's meanwhile).
    /// </summary>
    public static DashboardFilter Of(DateOnly? from, DateOnly? to, string? programme, string? country, string? kind, DateTimeOffset? asOf, string? role) =>
        CountryRoles.TryRead(role, out var read)
            ? new(from, to, programme, country, kind, asOf, read)
            : new(from, to, programme, country, kind, asOf) { UnreadRole = role };

    /// <summary>The <c>role</c> parameter as given, when it named no <see cref="CountryRole"/>.</summary>
    public string? UnreadRole { get; init; }

    readonly DateTimeOffset? _asOf = AsOf?.ToUniversalTime();

    /// <summary>
    /// The instant, in UTC however it was written (<c>2025-03-01T03:00:00-06:00</c>): Npgsql sends an instant only with
    /// offset 0, and threw (a 500) for any other. Every dashboard read's instant passes here: the dashboards, their
    /// provenance and exports, and the restatements' <c>from</c> and <c>to</c>.
    /// </summary>
    public DateTimeOffset? AsOf { get => _asOf; init => _asOf = value?.ToUniversalTime(); }

    /// <summary>Everything, now.</summary>
    public static DashboardFilter None { get; } = new(null, null, null, null, null, null);

    public bool SelectsAll => From is null && To is null && Programme is null && Country is null && Kind is null;

    /// <summary>Whether the filter selects the activity; never one marked a duplicate (its original counts).</summary>
    public bool Matches(ActivityDetails a)
    {
        var date = a.ActualStart ?? a.PlannedStart;
        return a.DuplicateOf is null && (From is null || date >= From) && (To is null || date <= To)
            && (Programme is null || a.ProgrammeCode.Equals(Programme, StringComparison.OrdinalIgnoreCase))
            && (Country is null || Role.Holds(a, Country))
            && (Kind is null || a.Kind.Equals(Kind, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Unknown codes, a backwards range and an unknown role are 400s naming the parameter.</summary>
    public async Task<FieldErrors> CheckAsync(IQuerySession session, ReferenceData codes, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .When(From > To, "to", Messages.Text("RangeBackwards", To, From))
            .When(Country is not null && !codes.Countries.ContainsKey(Country), "country", Messages.Text("NotACountryCode", Country))
            .When(Kind is not null && !codes.ActivityKinds.ContainsKey(Kind), "kind", Messages.Text("NotAKind", Kind))
            .When(UnreadRole is not null, "role", Messages.Text("NotACountryRole", UnreadRole, string.Join(", ", CountryRoles.Names)));
        if (Programme is not null && await session.LoadAsync<ProgrammeDetails>(ProgrammeDetails.IdFor(Programme), ct) is null)
            errors.Add("programme", Messages.Text("NotARegisteredProgramme", Programme));
        return errors;
    }
}

/// <summary>The activities a dashboard is computed from: now (the projected facts) or as of an instant (the events folded again).</summary>
public static class DashboardSource
{
    /// <summary>
    /// Time travel: every activity folded by <see cref="ReportedActivity.Fold"/> over its events up
    /// to <paramref name="asOf"/> — the projection's own fold, so the figures are the ones the
    /// dashboard showed then. An activity none of whose events is later than <paramref name="asOf"/>
    /// and that the projection has processed entirely folds to its stored <see cref="ReportedActivity"/>,
    /// so that is read instead; only the activities with events on both sides of the instant, or
    /// events the projection has not reached, are folded again from their events.
    /// </summary>
    public static async Task<IReadOnlyList<ReportedActivity>> AsOfAsync(IQuerySession session, DateTimeOffset asOf, CancellationToken ct)
    {
        var store = session.DocumentStore;
        var shard = store.Advanced.AllAsyncProjectionShardNames().Single(s => s.Name == DashboardProjection.Name);
        // Read before the documents: one stored later is at least this far on.
        var processed = await store.Advanced.ProjectionProgressFor(shard, token: ct);
        var instant = asOf.ToUniversalTime();
        var refold = (await session.QueryAsync<Guid>(
            $"""
            select stream_id from {store.Options.Events.DatabaseSchemaName}.mt_events
            group by stream_id
            having min(timestamp) <= ? and (max(timestamp) > ? or max(seq_id) > ?)
            """, ct, instant, instant, processed)).ToHashSet();

        // Every event of these is at or before the instant (LastEventAt is that of the last one).
        var stored = (await session.Query<ReportedActivity>().Where(r => r.LastEventAt <= instant).ToListAsync(ct)).Where(r => !refold.Contains(r.Id));
        var ids = refold.ToArray();
        var events = ids.Length == 0 ? [] : await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids) && e.Timestamp <= asOf)
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var folded = events.Where(e => e.Data is IActivityEvent)
            .GroupBy(e => e.StreamId)
            .Select(s => s.Aggregate((ReportedActivity?)null, ReportedActivity.Fold))
            .OfType<ReportedActivity>();
        // In the order they were recorded, as a fold of all the events would list them.
        return stored.Concat(folded).OrderBy(r => r.Activity.RecordedAt).ThenBy(r => r.Id).ToList();
    }

    /// <summary>
    /// The indicator definitions figures add up by: the current ones, or as of <paramref name="asOf"/>
    /// (an indicator revised since is folded up to that instant), so time travel uses the rules of its day.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IndicatorDefinition>> IndicatorsAsync(IQuerySession session, DateTimeOffset? asOf, CancellationToken ct)
    {
        var current = await DashboardProjection.IndicatorsAsync(session, ct);
        if (asOf is not { } instant)
            return current;
        var then = new Dictionary<string, IndicatorDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var indicator in current.Values)
            if (await session.Events.AggregateStreamAsync<IndicatorDefinition>(indicator.Id, timestamp: instant, token: ct) is { } old)
                then[old.Code] = old;
        return then;
    }

    /// <summary>The activities matching <paramref name="filter"/> that <paramref name="scope"/> covers.</summary>
    public static async Task<IReadOnlyList<ReportedActivity>> SelectAsync(IQuerySession session, DashboardFilter filter, AccessScope scope, CancellationToken ct)
    {
        var candidates = filter.AsOf is { } asOf ? await AsOfAsync(session, asOf, ct) : await session.Query<ReportedActivity>().ToListAsync(ct);
        return candidates
            .Where(r => filter.Matches(r.Activity) && scope.Covers(r.Activity.ProgrammeCode, r.Activity.Location.CountryCode, r.Activity.ParticipatingCountries))
            .ToList();
    }
}
