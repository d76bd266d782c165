using System.Text.Json;
using System.Text.Json.Nodes;
using ActivityTracker.Dashboards;
using Marten;

namespace ActivityTracker.Tests.Dashboards;

/// <summary>The documents the dashboard projection stores, as canonical JSON for comparing two states.</summary>
public static class DashboardDocuments
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every <see cref="DashboardSlice"/>, <see cref="CubeCell"/>, <see cref="CubeRollup"/>, <see cref="PartnerCell"/> and <see cref="ReportedActivity"/>, by id, each serialized with its properties sorted.</summary>
    public static async Task<SortedDictionary<string, string>> ReadAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var documents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var slice in await session.Query<DashboardSlice>().ToListAsync())
            documents.Add($"slice {slice.Id}", Canonical(slice));
        // A cube cell, rollup or partner cell as the slice its running totals make.
        foreach (var cell in await session.Query<CubeCell>().ToListAsync())
            documents.Add($"slice {cell.Id}", Canonical(cell.Tally.ToSlice()));
        foreach (var rollup in await session.Query<CubeRollup>().ToListAsync())
            documents.Add($"slice {rollup.Id}", Canonical(rollup.Tally.ToSlice()));
        foreach (var cell in await session.Query<PartnerCell>().ToListAsync())
            documents.Add($"slice {cell.Id}", Canonical(cell.Tally.ToSlice()));
        // Without the month the projection last changed it in: bookkeeping for time travel, not part of the activity.
        foreach (var activity in await session.Query<ReportedActivity>().ToListAsync())
            documents.Add($"activity {activity.Id}", Canonical(activity with { Since = null }));
        return documents;
    }

    /// <summary>
    /// The oracle of every read: the slices of <paramref name="dimension"/> <see cref="DashboardSlice.Of"/> makes of the activities, each
    /// in every slice it counts in when countries have <paramref name="role"/> (once), in key order, canonical.
    /// </summary>
    public static List<string> SlicesOf(string dimension, IEnumerable<ReportedActivity> activities, CountryRole role,
        IReadOnlyDictionary<string, ActivityTracker.Indicators.IndicatorDefinition> indicators) => activities
        .SelectMany(r => Dimensions.KeysOf(dimension, r.Activity, role).Select(key => (Key: key, Activity: r)))
        .GroupBy(m => m.Key, m => m.Activity, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => Canonical(DashboardSlice.Of(dimension, g.Key, g.ToList(), indicators)))
        .ToList();

    /// <summary>JSON with the properties of every object in ordinal order, so dictionaries compare whatever order they were read in.</summary>
    public static string Canonical<T>(T value) => Sorted(JsonSerializer.SerializeToNode(value, Json))?.ToJsonString() ?? "null";

    static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    /// <summary>Fails naming the first documents that differ, rather than printing two dictionaries.</summary>
    public static void ShouldEqual(this IReadOnlyDictionary<string, string> actual, IReadOnlyDictionary<string, string> expected)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (id, json) in expected)
            Assert.True(json == actual[id], $"{id} differs.{Environment.NewLine}expected: {json}{Environment.NewLine}actual:   {actual[id]}");
    }
}
