namespace ActivityTracker.Decisions;

/// <summary>
/// Text a person can type and every export can carry: no C0 control but tab and line breaks, no DEL,
/// no C1 control (U+0080-U+009F), no noncharacter (U+FDD0-U+FDEF and the last two code points of every
/// plane, U+FFFE, U+FFFF, U+1FFFE, ...) and no lone surrogate. That is XML 1.0's characters (which the IATI
/// export and every <c>.xlsx</c> are written in) less what Unicode reserves for a program's own use and
/// what no keyboard produces. The one rule for every way text comes in (JSON bodies, the forms' rules,
/// import cells); <see cref="Mend"/> applies it on the way out to text stored before the rule existed.
/// </summary>
public static class PlainText
{
    /// <summary>What <see cref="Mend"/> writes for a code point that breaks the rule.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>True when every code point of <paramref name="text"/> keeps the rule.</summary>
    public static bool IsPlain(string text) => FirstBreak(text) < 0;

    /// <summary>
    /// <paramref name="text"/> with each code point that breaks the rule replaced by U+FFFD, so an export stays
    /// complete and well-formed even when stored data predates the rule. Text that keeps it is returned as is.
    /// </summary>
    public static string? Mend(string? text)
    {
        if (text is null)
            return null;
        var first = FirstBreak(text);
        if (first < 0)
            return text;
        var mended = new System.Text.StringBuilder(text.Length);
        mended.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var length = CodePointLength(text, i, out var plain);
            if (plain)
                mended.Append(text, i, length);
            else
                mended.Append(Replacement);
            i += length - 1;
        }
        return mended.ToString();
    }

    /// <summary>The index of the first code point that breaks the rule, or -1.</summary>
    static int FirstBreak(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            // The common case (printable ASCII) costs one comparison.
            if (text[i] is >= ' ' and < '\u007f')
                continue;
            var length = CodePointLength(text, i, out var plain);
            if (!plain)
                return i;
            i += length - 1;
        }
        return -1;
    }

    /// <summary>How many UTF-16 units the code point at <paramref name="i"/> takes (2 for a surrogate pair), and whether it keeps the rule.</summary>
    static int CodePointLength(string text, int i, out bool plain)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            plain = IsPlain(char.ConvertToUtf32(c, text[i + 1]));
            return 2;
        }
        // A lone surrogate is not a character at all.
        plain = !char.IsSurrogate(c) && IsPlain(c);
        return 1;
    }

    static bool IsPlain(int codePoint) => codePoint switch
    {
        0x09 or 0x0A or 0x0D => true,
        < 0x20 => false,
        >= 0x7F and <= 0x9F => false,
        >= 0xFDD0 and <= 0xFDEF => false,
        _ => (codePoint & 0xFFFE) != 0xFFFE,
    };
}
