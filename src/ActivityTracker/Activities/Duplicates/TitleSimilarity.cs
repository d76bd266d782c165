using System.Globalization;
using System.Text;

namespace ActivityTracker.Activities.Duplicates;

/// <summary>
/// How alike two titles are, as PostgreSQL's pg_trgm measures it: the shared share of their three-letter pieces (each word
/// lower-cased, accents dropped, padded with two blanks before and one after), from 0 (nothing shared) to 1 (the same).
/// "Taller de capacitación a cónsules" and "Capacitación a consules (taller)" are alike; two trainings on other topics are not.
/// </summary>
public static class TitleSimilarity
{
    public static double Of(string a, string b)
    {
        var first = Trigrams(a);
        var second = Trigrams(b);
        if (first.Count == 0 || second.Count == 0)
            return 0;
        var shared = first.Count(second.Contains);
        return (double)shared / (first.Count + second.Count - shared);
    }

    static HashSet<string> Trigrams(string text)
    {
        var trigrams = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        void Add()
        {
            if (word.Length == 0)
                return;
            var padded = "  " + word + " ";
            for (var i = 0; i + 3 <= padded.Length; i++)
                trigrams.Add(padded.Substring(i, 3));
            word.Clear();
        }
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (char.IsLetterOrDigit(c))
                word.Append(char.ToLowerInvariant(c));
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                Add();
        Add();
        return trigrams;
    }
}
