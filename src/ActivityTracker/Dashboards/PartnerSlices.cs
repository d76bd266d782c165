using ActivityTracker.Access;
using ActivityTracker.Indicators;
using ActivityTracker.Organisations;
using Marten;

namespace ActivityTracker.Dashboards;

/// <summary>
/// Dashboards by partner. A partner is not a coordinate of the cube (an activity names several), so each activity keeps a key per
/// partner (<c>partner:oim</c>, <see cref="Dimensions.Partner"/>) among its indexed keys and the projection keeps a tally per partner.
/// A partner's figures are made of its activities found by those keys (<see cref="DashboardCube.InSlicesAsync"/>: as of an instant,
/// as they stood then), so the cost follows the partners' activities, not the history; everything now, read by a user who sees
/// everything, is the kept tallies; a read asked again, as it was until a cell of its activities changes (<see cref="DashboardReadCache"/>).
/// An organisation merged into another counts under the survivor, over all history, each
/// activity once (<see cref="OrganisationDirectory"/>).
/// </summary>
public static class PartnerSlices
{
    /// <summary>The partners' slices holding any activity the filter and scope select, in code order; only <paramref name="partner"/>'s (a survivor) when given.</summary>
    public static async Task<IReadOnlyList<DashboardSlice>> ReadAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        IReadOnlyDictionary<string, IndicatorDefinition> indicators, CancellationToken ct, string? partner = null)
    {
        var groups = await GroupsAsync(session, partner, ct);
        var slices = new List<DashboardSlice>();
        if (filter.SelectsAll && filter.AsOf is null && scope.AllProgrammes && scope.AllCountries)
        {
            // A partner no other was merged into is its kept tally (the tally of the activities naming it).
            var alone = groups.Where(g => g.Value is [var code] && code == g.Key).Select(g => Dimensions.DocumentId(Dimensions.Partner, g.Key)).ToList();
            slices.AddRange((await session.LoadManyAsync<SliceTally>(ct, alone)).Where(t => t.Members > 0).Select(t => t.ToSlice()));
            foreach (var key in alone)
                groups.Remove(key[(Dimensions.Partner.Length + 1)..]);
        }

        var survivorOf = groups.SelectMany(g => g.Value.Select(code => (Code: code, Survivor: g.Key))).ToDictionary(c => c.Code, c => c.Survivor, StringComparer.Ordinal);
        if (survivorOf.Count > 0)
            slices.AddRange(filter.AsOf is null
                // Kept until a cell of theirs changes, for these groups of partners (a merge since is another read).
                ? await DashboardReadCache.Of(session.DocumentStore).ReadAsync(session,
                    "partners:" + string.Join(',', survivorOf.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}>{c.Value}")),
                    new DashboardInterest(filter), scope, _ => GroupedAsync(session, filter, scope, indicators, survivorOf, ct), read => read.Count, ct)
                : await GroupedAsync(session, filter, scope, indicators, survivorOf, ct));
        return [.. slices.OrderBy(s => s.Key, StringComparer.Ordinal)];
    }

    /// <summary>The slices of the survivors of <paramref name="survivorOf"/>: their activities, each once under each survivor it names.</summary>
    static async Task<IReadOnlyList<DashboardSlice>> GroupedAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        IReadOnlyDictionary<string, IndicatorDefinition> indicators, Dictionary<string, string> survivorOf, CancellationToken ct)
    {
        var keys = survivorOf.Keys.Select(code => Dimensions.DocumentId(Dimensions.Partner, code)).ToList();
        var members = await DashboardCube.InSlicesAsync(session, filter, scope, keys, ct);
        return [.. members
            .SelectMany(m => Dimensions.PartnersOf(m.Activity).Select(survivorOf.GetValueOrDefault).OfType<string>().Distinct(StringComparer.Ordinal).Select(s => (Survivor: s, Member: m)))
            .GroupBy(m => m.Survivor, StringComparer.Ordinal)
            .Select(g => DashboardSlice.Of(Dimensions.Partner, g.Key, g.Select(m => m.Member).ToList(), indicators))];
    }

    /// <summary>The activities behind a partner's figures (<paramref name="partner"/>, a survivor): those naming it or one merged into it.</summary>
    public static async Task<IReadOnlyList<ReportedActivity>> MembersAsync(IQuerySession session, DashboardFilter filter, AccessScope scope, string partner,
        CancellationToken ct)
    {
        var codes = (await GroupsAsync(session, partner, ct)).GetValueOrDefault(partner.ToLowerInvariant()) ?? [];
        return codes.Count == 0 ? [] : await DashboardCube.InSlicesAsync(session, filter, scope, [.. codes.Select(c => Dimensions.DocumentId(Dimensions.Partner, c))], ct);
    }

    /// <summary>
    /// The directory's organisations by the one each counts under now (itself, or the survivor of its merges); every partner an
    /// activity names is one of them (<see cref="Activities.ActivityRules.Partner"/>), and none is ever removed.
    /// </summary>
    static async Task<Dictionary<string, List<string>>> GroupsAsync(IQuerySession session, string? partner, CancellationToken ct)
    {
        var organisations = (await session.Query<OrganisationDetails>().ToListAsync(ct)).ToDictionary(o => o.Code.ToLowerInvariant(), StringComparer.Ordinal);
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var code in organisations.Keys)
        {
            var survivor = (await OrganisationDirectory.ResolveAsync(c => Task.FromResult(organisations.GetValueOrDefault(c.ToLowerInvariant())), code))!.ToLowerInvariant();
            if (partner is null || survivor == partner.ToLowerInvariant())
                (groups.TryGetValue(survivor, out var group) ? group : groups[survivor] = []).Add(code);
        }
        return groups;
    }
}
