using System.Globalization;
using System.Text;
using ActivityTracker.Reference;

namespace ActivityTracker.Components.Map;

/// <summary>
/// A country as drawn: its ISO 3166-1 alpha-2 code, its SVG path data, and the centre of its
/// bounding box, where a marker goes when the country's land is too small to click
/// (<see cref="IsSmall"/>: Barbados, Grenada, Saint Kitts and Nevis, ...).
/// </summary>
public sealed record MapArea(string Country, string Path, SvgPoint Centre, bool IsSmall);

/// <summary>
/// The region map, projected once at start-up: Natural Earth's 1:50m countries (public domain,
/// from the npm package world-atlas 2.0.2, <c>countries-50m.json</c>) clipped to longitude
/// -118..-52 and latitude 1..33 (Mexico, Central America, the Caribbean and their neighbours),
/// embedded in the assembly as <c>region-50m.topo.json</c>. Features are matched to the code
/// list by their ISO 3166-1 numeric id. Areas go west to east (the keyboard's order), the small
/// ones last, so their markers are drawn on top.
/// </summary>
public sealed class RegionGeometry(IReadOnlyList<MapArea> areas, double width, double height)
{
    public const double DrawingWidth = 960;
    const double Padding = 4;
    /// <summary>A country whose land covers less than this (square SVG units, about 2,300 km² here) gets a marker: every island state of the Lesser Antilles.</summary>
    public const double SmallArea = 40;
    const string Resource = "ActivityTracker.Components.Map.region-50m.topo.json";

    public IReadOnlyList<MapArea> Areas { get; } = areas;
    public double Width { get; } = width;
    public double Height { get; } = height;

    /// <summary>The embedded region map, with the countries of <paramref name="codes"/>.</summary>
    public static RegionGeometry Load(ReferenceData codes)
    {
        using var stream = typeof(RegionGeometry).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The region map {Resource} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return Of(TopoJson.Decode(reader.ReadToEnd(), "countries"), codes);
    }

    /// <summary>Projects <paramref name="shapes"/> (ids: ISO numeric) fitted to <see cref="DrawingWidth"/>; shapes whose id is not in <paramref name="codes"/> are left out.</summary>
    public static RegionGeometry Of(IReadOnlyList<TopoShape> shapes, ReferenceData codes)
    {
        var alpha2 = codes.Countries.Values.ToDictionary(c => c.Numeric, c => c.Alpha2);
        var known = shapes.Where(s => alpha2.ContainsKey(s.Id)).ToList();
        var projection = Mercator.Fit(known.SelectMany(s => s.Rings).SelectMany(r => r), DrawingWidth, Padding);
        var areas = known.Select(s => Area(alpha2[s.Id], s.Rings.Select(r => r.Select(projection.Project).ToList()).ToList()))
            .OrderBy(a => a.IsSmall)
            .ThenBy(a => a.Centre.X)
            .ToList();
        return new RegionGeometry(areas, projection.Width, projection.Height);
    }

    static MapArea Area(string country, IReadOnlyList<List<SvgPoint>> rings)
    {
        var all = rings.SelectMany(r => r).ToList();
        double minX = all.Min(p => p.X), maxX = all.Max(p => p.X), minY = all.Min(p => p.Y), maxY = all.Max(p => p.Y);
        return new MapArea(country, PathData(rings), new SvgPoint(Round((minX + maxX) / 2), Round((minY + maxY) / 2)),
            rings.Sum(Area) < SmallArea);
    }

    /// <summary>The area a ring encloses (shoelace formula), whichever way it turns.</summary>
    public static double Area(IReadOnlyList<SvgPoint> ring) =>
        Math.Abs(ring.Zip(ring.Skip(1).Append(ring[0]), (a, b) => a.X * b.Y - b.X * a.Y).Sum()) / 2;

    /// <summary>SVG path data, one closed subpath per ring, to a tenth of a unit; points that round to the previous one are dropped.</summary>
    public static string PathData(IEnumerable<IEnumerable<SvgPoint>> rings)
    {
        var path = new StringBuilder();
        foreach (var ring in rings)
        {
            var points = new List<SvgPoint>();
            foreach (var p in ring.Select(p => new SvgPoint(Round(p.X), Round(p.Y))))
                if (points.Count == 0 || points[^1] != p)
                    points.Add(p);
            if (points.Count < 3)
                continue;
            for (var i = 0; i < points.Count; i++)
                path.Append(i == 0 ? 'M' : 'L').Append(Number(points[i].X)).Append(',').Append(Number(points[i].Y));
            path.Append('Z');
        }
        return path.ToString();
    }

    static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
