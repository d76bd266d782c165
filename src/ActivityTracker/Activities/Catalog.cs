using ActivityTracker.Breakdowns;
using ActivityTracker.Indicators;
using ActivityTracker.Organisations;
using ActivityTracker.Programmes;
using ActivityTracker.Reference;
using Marten;

namespace ActivityTracker.Activities;

/// <summary>
/// What a command may refer to: the fixed code lists plus the programmes, organisations,
/// indicators, activity kinds and breakdown dimensions it names (read from their streams' documents). Loaded at the HTTP edge so the
/// rules stay pure functions of (state, command, catalog, today).
/// </summary>
/// <param name="Kinds">The activity kinds a command may write: those it names, as the store has them (or shipped), not the
/// node's live list, which may not have seen a kind added on another node a moment ago.</param>
public sealed record Catalog(
    ReferenceData Codes,
    IReadOnlyDictionary<string, ProgrammeDetails> Programmes,
    IReadOnlyDictionary<string, OrganisationDetails> Organisations,
    IReadOnlyDictionary<string, IndicatorDefinition> Indicators,
    IReadOnlyDictionary<string, NamedCode> Kinds,
    IReadOnlyDictionary<string, BreakdownDimension> Dimensions)
{
    /// <param name="parts">The parts a command reports: their dimensions are loaded, and their categories as organisations
    /// (a category of a list dimension loads nothing), so a part naming an organisation is checked against the directory.</param>
    public static async Task<Catalog> LoadAsync(IQuerySession session, ReferenceData codes,
        IEnumerable<string?> programmes, IEnumerable<string?> organisations, IEnumerable<string?> indicators, IEnumerable<string?> kinds,
        IEnumerable<PartInput?> parts, CancellationToken ct)
    {
        parts = parts.ToList();
        // Every kind of record in one round trip (a batched query): on the write path each round trip is
        // latency that grows with the load. A command that names none of a kind costs no query for it.
        var batch = session.CreateBatchQuery();
        var queued = false;
        Task<IReadOnlyList<T>> Queue<T>(IEnumerable<string?> named, Func<string, Guid> idFor) where T : class
        {
            var ids = named.OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Select(idFor).ToArray();
            if (ids.Length == 0)
                return Task.FromResult<IReadOnlyList<T>>([]);
            queued = true;
            return batch.LoadMany<T>().ById(ids);
        }

        var programmeDocs = Queue<ProgrammeDetails>(programmes, ProgrammeDetails.IdFor);
        var organisationDocs = Queue<OrganisationDetails>(organisations.Concat(parts.Select(p => p?.Category)), OrganisationDetails.IdFor);
        var indicatorDocs = Queue<IndicatorDefinition>(indicators, IndicatorDefinition.IdFor);
        var kindCodes = kinds.ToList();
        var kindDocs = Queue<ActivityKindDetails>(kindCodes, ActivityKindDetails.IdFor);
        var dimensionDocs = Queue<BreakdownDimension>(parts.Select(p => p?.Dimension), BreakdownDimension.IdFor);
        if (queued)
            await batch.Execute(ct);
        return new Catalog(codes,
            (await programmeDocs).ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase),
            (await organisationDocs).ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase),
            (await indicatorDocs).ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase),
            KindList.Named(codes, await kindDocs, kindCodes),
            (await dimensionDocs).ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Everything a command may name, for checking many commands at once (a bulk import).</summary>
    public static async Task<Catalog> LoadAllAsync(IQuerySession session, ReferenceData codes, CancellationToken ct) => new(codes,
        (await session.Query<ProgrammeDetails>().ToListAsync(ct)).ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase),
        (await session.Query<OrganisationDetails>().ToListAsync(ct)).ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase),
        (await session.Query<IndicatorDefinition>().ToListAsync(ct)).ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase),
        await KindList.LoadAsync(session, codes, ct),
        (await session.Query<BreakdownDimension>().ToListAsync(ct)).ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The code lists and <paramref name="indicators"/> only, for rules that name no programme, organisation, dimension or new
    /// activity kind: the kinds are <paramref name="codes"/>' live list.
    /// </summary>
    public static Catalog Of(ReferenceData codes, IReadOnlyDictionary<string, IndicatorDefinition>? indicators = null) =>
        new(codes, new Dictionary<string, ProgrammeDetails>(), new Dictionary<string, OrganisationDetails>(),
            indicators ?? new Dictionary<string, IndicatorDefinition>(), codes.ActivityKinds, new Dictionary<string, BreakdownDimension>());
}
