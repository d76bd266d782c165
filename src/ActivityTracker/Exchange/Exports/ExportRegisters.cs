using ActivityTracker.Activities;
using ActivityTracker.Indicators;
using ActivityTracker.Organisations;
using ActivityTracker.Programmes;
using ActivityTracker.Reference;
using Marten;

namespace ActivityTracker.Exchange.Exports;

/// <summary>
/// What the 3W and IATI exports name activities' codes by: the code lists, and the organisations,
/// indicators and programmes as they stand now. These registers are small (tens of records), so they
/// are read once per export while the activities stream past.
/// </summary>
/// <param name="Organisations">By code, each pointing at the organisation it stands for today.</param>
public sealed record ExportRegisters(
    ReferenceData Codes,
    IReadOnlyDictionary<string, OrganisationDetails> Organisations,
    IReadOnlyDictionary<string, IndicatorDefinition> Indicators,
    IReadOnlyDictionary<string, ProgrammeDetails> Programmes)
{
    /// <summary>The whole catalog (as a bulk import reads it), with each organisation code pointing at its survivor.</summary>
    public static async Task<ExportRegisters> LoadAsync(IQuerySession session, ReferenceData codes, CancellationToken ct)
    {
        var catalog = await Catalog.LoadAllAsync(session, codes, ct);
        var registered = catalog.Organisations;
        // Partners are named by the organisation they stand for today, following merges like the partner dashboards do.
        var organisations = new Dictionary<string, OrganisationDetails>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in registered.Keys)
            organisations[code] = registered[(await OrganisationDirectory.ResolveAsync(c => Task.FromResult(registered.GetValueOrDefault(c)), code))!];
        return new ExportRegisters(codes, organisations, catalog.Indicators, catalog.Programmes);
    }

    /// <summary>The organisation a partner's code stands for today (the survivor of any merge); null for an unknown code.</summary>
    public OrganisationDetails? Organisation(string code) => Organisations.GetValueOrDefault(code);
}
