namespace ActivityTracker.Components.Map;

/// <summary>A class of the map's legend: the figures from <see cref="From"/> to <see cref="To"/> share <see cref="Colour"/>.</summary>
public sealed record ColourClass(long From, long To, string Colour);

/// <summary>
/// The map's colours: up to four classes of blue over the figures above zero, each taking an
/// equal share of the distinct figures (so one large country does not leave every other one in
/// the palest class); zero and countries outside the programmes are greys.
/// </summary>
public static class ColourScale
{
    /// <summary>Pale to dark, after ColorBrewer's sequential Blues.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#C6DBEF", "#6BAED6", "#2171B5", "#08306B"];

    /// <summary>A country of the programmes with nothing to show.</summary>
    public const string Zero = "#E0E0E0";

    /// <summary>A neighbour drawn for context, outside every programme and without activities.</summary>
    public const string Outside = "#F7F7F7";

    public static IReadOnlyList<ColourClass> Of(IEnumerable<long> figures)
    {
        var distinct = figures.Where(f => f > 0).Distinct().Order().ToList();
        var count = Math.Min(Palette.Count, distinct.Count);
        // The darkest colours when there are fewer classes than colours: every class stays well apart from the greys.
        return Enumerable.Range(0, count)
            .Select(i => new ColourClass(distinct[i * distinct.Count / count], distinct[(i + 1) * distinct.Count / count - 1], Palette[Palette.Count - count + i]))
            .ToList();
    }

    public static string ColourOf(long figure, IReadOnlyList<ColourClass> classes) =>
        figure <= 0 ? Zero : classes.FirstOrDefault(c => figure <= c.To)?.Colour ?? Palette[^1];
}
