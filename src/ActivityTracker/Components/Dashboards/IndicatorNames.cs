using System.Globalization;
using ActivityTracker.Indicators;

namespace ActivityTracker.Components.Dashboards;

/// <summary>Indicators' names in the user's language; the code when the indicator is unknown.</summary>
public static class IndicatorNames
{
    public static string Of(IReadOnlyDictionary<string, IndicatorDefinition> indicators, string code) =>
        indicators.TryGetValue(code, out var indicator)
            ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es" ? indicator.NameEs : indicator.NameEn
            : code;
}
