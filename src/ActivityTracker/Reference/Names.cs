using System.Globalization;

namespace ActivityTracker.Reference;

/// <summary>Names of codes in the user's language, from the code lists.</summary>
public static class Names
{
    static bool Spanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    /// <summary>A code list entry's name in the user's language.</summary>
    public static string Of(NamedCode entry) => Spanish ? entry.NameEs : entry.NameEn;

    public static string Kind(ReferenceData codes, string code) =>
        codes.ActivityKinds.TryGetValue(code, out var k) ? Of(k) : code;

    public static string Country(ReferenceData codes, string code) =>
        codes.Countries.TryGetValue(code, out var c) ? (Spanish ? c.NameEs : c.NameEn) : code;

    /// <summary>The DAC name with its code in front, as the UI lists sectors.</summary>
    public static string Sector(ReferenceData codes, string code) =>
        codes.Sectors.TryGetValue(code, out var s) ? $"{s.Code} {Of(s)}" : code;
}
