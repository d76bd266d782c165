using Wolverine.Http;

namespace ActivityTracker.Reference;

/// <summary>The code lists a client needs to fill in a command.</summary>
public static class ReferenceEndpoints
{
    /// <summary>ISO 3166-1 countries with English and Spanish names.</summary>
    [WolverineGet("/api/reference/countries", Name = "ListCountries"), Tags("Reference data")]
    public static IEnumerable<Country> Countries(ReferenceData reference) => reference.Countries.Values;

    /// <summary>Kinds of activity (meeting, job fair, assisted voluntary return, ...).</summary>
    [WolverineGet("/api/reference/activity-kinds", Name = "ListActivityKinds"), Tags("Reference data")]
    public static IEnumerable<ActivityKind> ActivityKinds(ReferenceData reference) => reference.ActivityKinds.Values;

    /// <summary>Programmes activities are reported under.</summary>
    [WolverineGet("/api/reference/programmes", Name = "ListProgrammes"), Tags("Reference data")]
    public static IEnumerable<Programme> Programmes(ReferenceData reference) => reference.Programmes.Values;
}
