using System.Globalization;

namespace ActivityTracker.Exchange;

/// <summary>
/// Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts with
/// <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> as a formula. Exports write such text with a leading
/// apostrophe, which spreadsheets show as text; imports take the apostrophe off again and refuse
/// a bare formula, so export then import gives back the same text. Numbers (<c>-12.5</c>) are
/// not formulas and pass unchanged.
/// </summary>
public static class SpreadsheetCell
{
    const char Quote = '\'';

    public static string? Neutralise(string? text) => StartsLikeFormula(text) ? Quote + text : text;

    /// <summary>The text a user meant, or null with <paramref name="formula"/> set when the cell is a formula.</summary>
    public static string? Read(string? cell, out bool formula)
    {
        formula = false;
        if (string.IsNullOrWhiteSpace(cell))
            return null;
        var text = cell.Trim();
        if (text.Length > 1 && text[0] == Quote && StartsLikeFormula(text[1..]))
            return text[1..];
        formula = StartsLikeFormula(text);
        return formula ? null : text;
    }

    static bool StartsLikeFormula(string? text) =>
        !string.IsNullOrEmpty(text) && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
