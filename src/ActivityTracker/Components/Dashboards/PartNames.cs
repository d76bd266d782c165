using System.Globalization;
using ActivityTracker.Breakdowns;
using ActivityTracker.Organisations;
using Marten;

namespace ActivityTracker.Components.Dashboards;

/// <summary>
/// The names of the parts along defined dimensions, in the user's language: a dimension by its name, a category by its
/// organisation's name (acronym when it has one) or its name in the dimension's list; the code when it is unknown.
/// </summary>
public sealed class PartNames(IReadOnlyDictionary<string, BreakdownDimension> dimensions, IReadOnlyDictionary<string, OrganisationDetails> organisations)
{
    /// <summary>No names: parts read by their codes (until the names are loaded).</summary>
    public static PartNames None { get; } = new(new Dictionary<string, BreakdownDimension>(), new Dictionary<string, OrganisationDetails>());

    static bool Spanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    /// <summary>Every dimension and organisation: short lists, read once for a page.</summary>
    public static async Task<PartNames> LoadAsync(IQuerySession session, CancellationToken ct = default) => new(
        (await session.Query<BreakdownDimension>().ToListAsync(ct)).ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase),
        (await session.Query<OrganisationDetails>().ToListAsync(ct)).ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase));

    public string Dimension(string code) => dimensions.TryGetValue(code, out var d) ? d.Name(Spanish) : code;

    public string Category(string dimension, string code) => dimensions.GetValueOrDefault(dimension) switch
    {
        { Values: DimensionValues.List } list => list.Categories.FirstOrDefault(c => c.Code == code) is { } c ? (Spanish ? c.NameEs : c.NameEn) : code,
        _ => organisations.TryGetValue(code, out var o) ? o.Acronym is { Length: > 0 } acronym ? acronym : o.Name : code,
    };
}
