using System.Text.RegularExpressions;
using ActivityTracker.Localization;

namespace ActivityTracker.Decisions;

/// <summary>
/// The field checks most commands repeat (required text, length limits, codes), worded the
/// same everywhere. Each adds to <see cref="FieldErrors"/> and returns it, so a command's
/// <c>Check</c> reads as its list of rules. A field's <c>what</c> is a <see cref="Localization.Messages"/>
/// text (<c>What_Title</c>), so the message reads in the user's language.
/// </summary>
public static class FieldRules
{
    /// <summary>The longest reason a correction, revision or merge may carry.</summary>
    public const int ReasonMaxLength = 500;

    /// <summary><paramref name="value"/> must be present (not blank) and at most <paramref name="maxLength"/> characters once trimmed.</summary>
    /// <param name="what">How a person names the field, capitalised, with its article: "The English name".</param>
    public static FieldErrors RequireText(this FieldErrors errors, string field, string? value, int maxLength, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? errors.Add(field, Messages.Text("Required", what))
            : errors.LimitText(field, value, maxLength, what);

    /// <summary>An optional <paramref name="value"/> of at most <paramref name="maxLength"/> characters once trimmed, and <see cref="PlainText"/>.</summary>
    public static FieldErrors LimitText(this FieldErrors errors, string field, string? value, int maxLength, string what)
    {
        var length = value?.Trim().Length ?? 0;
        return errors.When(length > maxLength, field, Messages.Text("TooLong", what, length, maxLength))
            .Plain(field, value);
    }

    /// <summary>
    /// <paramref name="value"/> must be <see cref="PlainText"/>. JSON bodies are screened before any rule runs
    /// (JsonScreening); this covers what comes in another way (the forms, import cells).
    /// </summary>
    public static FieldErrors Plain(this FieldErrors errors, string field, string? value) =>
        errors.When(value is not null && !PlainText.IsPlain(value), field, Messages.Text("TextNotPlain"));

    /// <summary>
    /// At most <paramref name="max"/> items in a list. Each item costs work and often an event (15,000 sources once took
    /// 6 s and appended 15,000 events), so every list a command takes is bounded, far above what a real report holds.
    /// Returns true when the list is within bounds, so a rule skips reading the items of one that is not.
    /// </summary>
    public static bool LimitCount<T>(this FieldErrors errors, string field, IReadOnlyCollection<T>? items, int max)
    {
        errors.When(items?.Count > max, field, Messages.Text("TooMany", items?.Count, max));
        return !(items?.Count > max);
    }

    /// <summary>A required code that matches <paramref name="pattern"/> once <paramref name="normalise"/>d (trimmed, case folded).</summary>
    /// <param name="shape">The rule in words, with an example: "2 to 30 capital letters, digits or hyphens, e.g. MESO-CARIB".</param>
    public static FieldErrors RequireCode(this FieldErrors errors, string field, string? code, Regex pattern, Func<string, string> normalise, string what, string shape) =>
        string.IsNullOrWhiteSpace(code)
            ? errors.Add(field, Messages.Text("Required", what))
            : errors.When(!pattern.IsMatch(normalise(code)), field, Messages.Text("NotAValidCode", code, Noun(what), shape));

    /// <summary>"The programme code" as in "a valid programme code": without its article, in lower case.</summary>
    static string Noun(string what) => what[(what.IndexOf(' ') + 1)..].ToLowerInvariant();

    /// <summary>Checks a text field and returns it trimmed, or null when it is blank or breaks the rule.</summary>
    public static string? Text(this FieldErrors errors, string field, string? value, int maxLength, bool required, string what)
    {
        var before = errors.Count;
        if (required)
            errors.RequireText(field, value, maxLength, what);
        else
            errors.LimitText(field, value, maxLength, what);
        return errors.Count == before ? TrimToNull(value) : null;
    }

    /// <summary>Trimmed text, or null when blank: what optional text fields store.</summary>
    public static string? TrimToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
