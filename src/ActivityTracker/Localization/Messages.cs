using System.Globalization;
using System.Resources;

namespace ActivityTracker.Localization;

/// <summary>
/// The messages of rules, problems and exports in the current UI culture (the request's, or the Blazor
/// circuit's), from <see cref="RuleText"/>. A static lookup rather than a service, so rules stay pure
/// functions of their inputs and the culture.
/// </summary>
public static class Messages
{
    static readonly ResourceManager Resources = new("ActivityTracker.Localization.RuleText", typeof(RuleText).Assembly);

    /// <summary>The message <paramref name="key"/>, with <paramref name="args"/> in its <c>{0}</c> placeholders.</summary>
    public static string Text(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, In(CultureInfo.CurrentUICulture, key), args);

    /// <summary>The text <paramref name="key"/> in <paramref name="language"/> (<c>en</c>, <c>es</c>), for what names itself in both (a dashboard's slices).</summary>
    public static string TextIn(string language, string key) => In(CultureInfo.GetCultureInfo(language), key);

    static string In(CultureInfo culture, string key) => Resources.GetString(key, culture)
        ?? throw new InvalidOperationException($"There is no rule text '{key}' in Localization/RuleText.resx.");

    /// <summary>
    /// Message <paramref name="key"/> about a kind of record (<c>activity</c>, <c>reporting period</c>), whose
    /// name in the current language (<c>Stream_...</c>) goes in <c>{0}</c> and <paramref name="args"/> after it.
    /// It starts with a capital: Spanish puts the article first ("la actividad ..."), so a title may begin with the name.
    /// </summary>
    public static string About(string noun, string key, params object?[] args)
    {
        var text = Text(key, [Text($"Stream_{noun.Replace(" ", "")}"), .. args]);
        return char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];
    }
}
