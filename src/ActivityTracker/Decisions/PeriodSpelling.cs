using System.Text.RegularExpressions;
using ActivityTracker.Localization;

namespace ActivityTracker.Decisions;

/// <summary>
/// How a period is written, shared by reporting periods and programme targets: a year
/// (<c>2019</c>) or a quarter (<c>2019-Q1</c>), any case, from its <see cref="Days"/>.
/// </summary>
public static class PeriodSpelling
{
    static readonly Regex Pattern = new("^(19|20)[0-9]{2}(-Q[1-4])?$", RegexOptions.Compiled);

    /// <summary>First and last day of a period in its stored spelling (<c>2019</c>, <c>2019-Q2</c>).</summary>
    public static (DateOnly First, DateOnly Last) Days(string period)
    {
        var year = int.Parse(period[..4], System.Globalization.CultureInfo.InvariantCulture);
        if (period.Length == 4)
            return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var quarter = period[^1] - '0';
        var first = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return (first, first.AddMonths(3).AddDays(-1));
    }

    /// <summary>Checks a required period and returns it in its stored spelling (upper case), or null when it is missing or malformed.</summary>
    public static string? Period(this FieldErrors errors, string field, string? period)
    {
        if (string.IsNullOrWhiteSpace(period))
        {
            errors.Add(field, Messages.Text("PeriodRequired"));
            return null;
        }
        var canonical = period.Trim().ToUpperInvariant();
        if (Pattern.IsMatch(canonical))
            return canonical;
        errors.Add(field, Messages.Text("NotAPeriod", period));
        return null;
    }
}
