namespace ActivityTracker.Components.Map;

/// <summary>A point of the drawing (SVG user units, y down).</summary>
public readonly record struct SvgPoint(double X, double Y);

/// <summary>
/// The Mercator projection scaled and translated so that a set of points fills a drawing
/// <see cref="Width"/> wide (less <c>padding</c> on each side); <see cref="Height"/> follows
/// from the points' extent, so nothing is stretched.
/// </summary>
public sealed record Mercator(double Scale, double OffsetX, double OffsetY, double Width, double Height)
{
    /// <summary>Beyond this latitude Mercator runs off to infinity; no map of this app goes near it.</summary>
    const double MaxLatitude = 85;

    /// <summary>Unscaled Mercator: x = longitude in radians, y = ln(tan(pi/4 + latitude/2)), y up.</summary>
    public static (double X, double Y) Raw(GeoPoint p)
    {
        var latitude = Math.Clamp(p.Latitude, -MaxLatitude, MaxLatitude);
        return (p.Longitude * Math.PI / 180, Math.Log(Math.Tan(Math.PI / 4 + latitude * Math.PI / 360)));
    }

    public static Mercator Fit(IEnumerable<GeoPoint> points, double width, double padding)
    {
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        foreach (var (x, y) in points.Select(Raw))
        {
            (minX, maxX) = (Math.Min(minX, x), Math.Max(maxX, x));
            (minY, maxY) = (Math.Min(minY, y), Math.Max(maxY, y));
        }
        if (minX >= maxX || minY >= maxY)
            throw new ArgumentException("Fitting a projection needs points spread over some area.", nameof(points));
        var scale = (width - 2 * padding) / (maxX - minX);
        return new Mercator(scale, padding - minX * scale, padding + maxY * scale, width, (maxY - minY) * scale + 2 * padding);
    }

    public SvgPoint Project(GeoPoint p)
    {
        var (x, y) = Raw(p);
        return new SvgPoint(OffsetX + x * Scale, OffsetY - y * Scale);
    }
}
