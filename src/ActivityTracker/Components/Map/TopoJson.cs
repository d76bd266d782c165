using System.Text.Json;

namespace ActivityTracker.Components.Map;

/// <summary>A position in degrees (WGS 84).</summary>
public readonly record struct GeoPoint(double Longitude, double Latitude);

/// <summary>One feature of a TopoJSON object: its id (ISO 3166-1 numeric in Natural Earth), and its rings, outer and holes alike.</summary>
public sealed record TopoShape(string Id, IReadOnlyList<IReadOnlyList<GeoPoint>> Rings);

/// <summary>
/// Decodes the polygons of a TopoJSON topology (https://github.com/topojson/topojson-specification):
/// arcs are shared line strings, delta-encoded integers when the topology is quantized (a
/// <c>transform</c> scales and translates them back to degrees); a ring lists arc indexes, a
/// negative index <c>~i</c> meaning arc <c>i</c> reversed, and consecutive arcs share their end point.
/// </summary>
public static class TopoJson
{
    /// <summary>The Polygon and MultiPolygon features of the object <paramref name="objectName"/>; features of other types (and null geometries) are left out.</summary>
    public static IReadOnlyList<TopoShape> Decode(string json, string objectName)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var transform = Transform.Of(root);
        var arcs = root.GetProperty("arcs").EnumerateArray().Select(arc => DecodeArc(arc, transform)).ToList();
        var shapes = new List<TopoShape>();
        foreach (var geometry in root.GetProperty("objects").GetProperty(objectName).GetProperty("geometries").EnumerateArray())
        {
            List<JsonElement> polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [geometry.GetProperty("arcs")],
                "MultiPolygon" => geometry.GetProperty("arcs").EnumerateArray().ToList(),
                _ => [],
            };
            if (polygons.Count == 0 || !geometry.TryGetProperty("id", out var id))
                continue;
            var rings = polygons.SelectMany(p => p.EnumerateArray()).Select(ring => Ring(ring, arcs)).ToList();
            shapes.Add(new TopoShape(id.ValueKind == JsonValueKind.Number ? id.GetRawText() : id.GetString()!, rings));
        }
        return shapes;
    }

    /// <summary>A ring's points: its arcs joined, each after the first without its first point (the previous arc's last).</summary>
    static IReadOnlyList<GeoPoint> Ring(JsonElement arcIndexes, IReadOnlyList<GeoPoint[]> arcs)
    {
        var points = new List<GeoPoint>();
        foreach (var index in arcIndexes.EnumerateArray().Select(i => i.GetInt32()))
        {
            IEnumerable<GeoPoint> arc = index >= 0 ? arcs[index] : arcs[~index].Reverse();
            points.AddRange(points.Count == 0 ? arc : arc.Skip(1));
        }
        return points;
    }

    static GeoPoint[] DecodeArc(JsonElement arc, Transform? transform)
    {
        var points = new GeoPoint[arc.GetArrayLength()];
        double x = 0, y = 0;
        var i = 0;
        foreach (var position in arc.EnumerateArray())
        {
            double px = position[0].GetDouble(), py = position[1].GetDouble();
            if (transform is { } t)
            {
                x += px;
                y += py;
                points[i++] = new GeoPoint(x * t.ScaleX + t.TranslateX, y * t.ScaleY + t.TranslateY);
            }
            else
                points[i++] = new GeoPoint(px, py);
        }
        return points;
    }

    readonly record struct Transform(double ScaleX, double ScaleY, double TranslateX, double TranslateY)
    {
        public static Transform? Of(JsonElement topology) =>
            topology.TryGetProperty("transform", out var t)
                ? new Transform(t.GetProperty("scale")[0].GetDouble(), t.GetProperty("scale")[1].GetDouble(),
                    t.GetProperty("translate")[0].GetDouble(), t.GetProperty("translate")[1].GetDouble())
                : null;
    }
}
