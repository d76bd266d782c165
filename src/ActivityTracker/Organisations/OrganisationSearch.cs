using System.Globalization;
using System.Text;

namespace ActivityTracker.Organisations;

/// <summary>
/// How a partner is found by what an officer types (the API's <c>?q=</c> and the log form's picker): by name, acronym or
/// alias, in any case and with or without accents, each word typed matching the beginning of a word ("min trab" finds
/// "Ministerio de Trabajo"; "OIT" does not find "Exploitation"). Acronyms first: one that is what was typed, then one that
/// begins with it, then names and aliases; by name within each.
/// </summary>
public static class OrganisationSearch
{
    public static IReadOnlyList<OrganisationDetails> Find(string? typed, IEnumerable<OrganisationDetails> organisations)
    {
        var words = Words(typed);
        if (words.Count == 0)
            return [.. organisations.OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase)];
        return [.. organisations
            .Select(o => (Organisation: o, Rank: Rank(words, o)))
            .Where(m => m.Rank is not null)
            .OrderBy(m => m.Rank).ThenBy(m => m.Organisation.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(m => m.Organisation)];
    }

    /// <summary>
    /// The organisation standing on its own whose name, acronym or an alias is <paramref name="name"/>, ignoring case, accents,
    /// spaces and punctuation ("O.I.T." is "OIT"; "organizacion internacional del trabajo" is "Organización Internacional del
    /// Trabajo"), or null. A confirmed one before a pending one. Merged organisations are skipped: their names are their
    /// survivor's aliases, so the survivor is the one found.
    /// </summary>
    public static OrganisationDetails? KnownAs(string? name, IEnumerable<OrganisationDetails> organisations)
    {
        var key = string.Concat(Words(name));
        return key.Length == 0 ? null : organisations.Where(o => o.MergedIntoCode is null)
            .OrderBy(o => o.IsPending).ThenBy(o => o.Code, StringComparer.Ordinal)
            .FirstOrDefault(o => o.Names().Any(n => string.Concat(Words(n)) == key));
    }

    // 0: the acronym is what was typed; 1: it begins with it; 2: every word typed begins a word of the name or of one alias.
    static int? Rank(IReadOnlyList<string> typed, OrganisationDetails organisation)
    {
        var acronym = string.Concat(Words(organisation.Acronym)); // "O.I.T." is "oit"
        var joined = string.Concat(typed);
        if (acronym.Length > 0 && acronym == joined)
            return 0;
        if (acronym.Length > 0 && typed.Count == 1 && acronym.StartsWith(joined, StringComparison.Ordinal))
            return 1;
        return new[] { organisation.Name }.Concat(organisation.Aliases).Any(name => Begins(typed, Words(name))) ? 2 : null;
    }

    static bool Begins(IReadOnlyList<string> typed, IReadOnlyList<string> words) =>
        typed.All(t => words.Any(w => w.StartsWith(t, StringComparison.Ordinal)));

    /// <summary>The words of <paramref name="text"/>, folded: lower case, accents dropped, split at anything not a letter or digit.</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in Fold(text ?? "").Append(' '))
            if (char.IsLetterOrDigit(c))
                word.Append(c);
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        return words;
    }

    static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                folded.Append(char.ToLowerInvariant(c));
        return folded.ToString();
    }
}
