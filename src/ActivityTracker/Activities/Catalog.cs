using ActivityTracker.Indicators;
using ActivityTracker.Organisations;
using ActivityTracker.Programmes;
using ActivityTracker.Reference;
using Marten;

namespace ActivityTracker.Activities;

/// <summary>
/// What a command may refer to: the fixed code lists plus the programmes, organisations and
/// indicators it names (read from their streams' documents). Loaded at the HTTP edge so the
/// rules stay pure functions of (state, command, catalog, today).
/// </summary>
public sealed record Catalog(
    ReferenceData Codes,
    IReadOnlyDictionary<string, ProgrammeDetails> Programmes,
    IReadOnlyDictionary<string, OrganisationDetails> Organisations,
    IReadOnlyDictionary<string, IndicatorDefinition> Indicators)
{
    public static async Task<Catalog> LoadAsync(IQuerySession session, ReferenceData codes,
        IEnumerable<string?> programmes, IEnumerable<string?> organisations, IEnumerable<string?> indicators, CancellationToken ct)
    {
        static string[] Named(IEnumerable<string?> codes) => codes.OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

        var programmeDocs = await session.LoadManyAsync<ProgrammeDetails>(ct, Named(programmes).Select(ProgrammeDetails.IdFor));
        var organisationDocs = await session.LoadManyAsync<OrganisationDetails>(ct, Named(organisations).Select(OrganisationDetails.IdFor));
        var indicatorDocs = await session.LoadManyAsync<IndicatorDefinition>(ct, Named(indicators).Select(IndicatorDefinition.IdFor));
        return new Catalog(codes,
            programmeDocs.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase),
            organisationDocs.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase),
            indicatorDocs.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase));
    }
}
