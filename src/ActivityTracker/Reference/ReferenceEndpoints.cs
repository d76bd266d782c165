using Marten;
using Wolverine.Http;

namespace ActivityTracker.Reference;

/// <summary>The code lists a client needs to fill in a command.</summary>
public static class ReferenceEndpoints
{
    /// <summary>ISO 3166-1 countries with English and Spanish names.</summary>
    [WolverineGet("/api/reference/countries", Name = "ListCountries"), Tags("Reference data")]
    public static IEnumerable<Country> Countries(ReferenceData reference) => reference.Countries.Values;

    /// <summary>Kinds of activity (meeting, job fair, assisted voluntary return, ...), as stored now: the shipped ones, then those added.</summary>
    [WolverineGet("/api/reference/activity-kinds", Name = "ListActivityKinds"), Tags("Reference data")]
    public static async Task<IEnumerable<NamedCode>> ActivityKinds(ReferenceData reference, IQuerySession session, CancellationToken ct) =>
        (await KindList.LoadAsync(session, reference, ct)).Values;

    /// <summary>OECD DAC purpose codes used as an activity's sector.</summary>
    [WolverineGet("/api/reference/sectors", Name = "ListSectors"), Tags("Reference data")]
    public static IEnumerable<NamedCode> Sectors(ReferenceData reference) => reference.Sectors.Values;

    /// <summary>Thematic tags (counter-trafficking, labour migration, ...).</summary>
    [WolverineGet("/api/reference/themes", Name = "ListThemes"), Tags("Reference data")]
    public static IEnumerable<NamedCode> Themes(ReferenceData reference) => reference.Themes.Values;

    /// <summary>Languages an activity's title and description may be written in.</summary>
    [WolverineGet("/api/reference/languages", Name = "ListLanguages"), Tags("Reference data")]
    public static IEnumerable<NamedCode> Languages(ReferenceData reference) => reference.Languages.Values;
}
