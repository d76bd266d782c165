using System.Globalization;
using ActivityTracker.Reference;

namespace ActivityTracker.Components;

/// <summary>Names of codes in the user's language, from the code lists.</summary>
public static class Names
{
    static bool Spanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    public static string Kind(ReferenceData codes, string code) =>
        codes.ActivityKinds.TryGetValue(code, out var k) ? (Spanish ? k.NameEs : k.NameEn) : code;

    public static string Country(ReferenceData codes, string code) =>
        codes.Countries.TryGetValue(code, out var c) ? (Spanish ? c.NameEs : c.NameEn) : code;

    public static string Sector(ReferenceData codes, string code) =>
        codes.Sectors.TryGetValue(code, out var s) ? $"{s.Code} {(Spanish ? s.NameEs : s.NameEn)}" : code;
}
