using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Indicators.Revising;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;

namespace ActivityTracker.Kinds;

/// <summary>A revision of an indicator that makes it apply, or stop applying, to a kind: appended at the version read.</summary>
public sealed record IndicatorChange(IndicatorDefinition Indicator, IndicatorRevised Revised);

/// <summary>
/// Which indicators apply to an activity kind. The indicators say it (their <c>Kinds</c>; none listed: any kind), so choosing
/// them for a kind revises the indicators, through the indicators' own revision rule (<see cref="ReviseIndicator"/>).
/// </summary>
public static class KindIndicators
{
    /// <summary>The most indicators a kind's list may name (FieldRules.LimitCount).</summary>
    public const int Max = 200;

    public static bool AppliesTo(IndicatorDefinition indicator, string kind) =>
        indicator.Kinds.Count == 0 || indicator.Kinds.Contains(kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The revisions that make exactly the <paramref name="wanted"/> indicators apply to <paramref name="kind"/>, or, when
    /// <paramref name="othersStop"/> is false (a new kind), at least them. An indicator for any kind that should stop applying
    /// becomes one for every other kind there is now; one that would be left with no kind is refused. Bad entries go to
    /// <paramref name="errors"/> under <c>indicators</c>.
    /// </summary>
    /// <param name="kinds">Every kind there is, <paramref name="kind"/> included.</param>
    public static IReadOnlyList<IndicatorChange> Changes(FieldErrors errors, string kind, IReadOnlyList<string?>? wanted, bool othersStop,
        IReadOnlyCollection<IndicatorDefinition> indicators, IReadOnlyDictionary<string, NamedCode> kinds)
    {
        var before = errors.Count;
        if (wanted is null || errors.CheckList(wanted, indicators).Count > before)
            return [];

        var byCode = indicators.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        var chosen = wanted.Select(c => byCode[c!.Trim()].Code).ToHashSet(StringComparer.Ordinal);
        var changes = new List<IndicatorChange>();
        foreach (var indicator in indicators.OrderBy(i => i.Code, StringComparer.Ordinal))
        {
            var next = (chosen.Contains(indicator.Code), AppliesTo(indicator, kind)) switch
            {
                (true, false) => [.. indicator.Kinds, kind],
                (false, true) when othersStop => Without(errors, indicator, kind, kinds),
                _ => null,
            };
            if (next is null)
                continue;
            switch (new ReviseIndicator(indicator.Version, null, null, null, null, null, next, null).Decide(indicator, kinds))
            {
                case Decision.Accepted { Events: [IndicatorRevised revised] }:
                    changes.Add(new IndicatorChange(indicator, revised));
                    break;
                case Decision.Invalid invalid:
                    errors.Add("indicators", Messages.Text("KindIndicators_Refused", indicator.Code,
                        string.Join(" ", invalid.Errors.ByField.SelectMany(f => f.Value))));
                    break;
                case var other:
                    throw new InvalidOperationException($"A revision that changes the kinds decided {other}.");
            }
        }
        return changes;
    }

    /// <summary>The list's own rules: at most <see cref="Max"/> entries, each an indicator there is, each once.</summary>
    public static FieldErrors CheckList(this FieldErrors errors, IReadOnlyList<string?>? wanted, IReadOnlyCollection<IndicatorDefinition> indicators)
    {
        if (wanted is null || !errors.LimitCount("indicators", wanted, Max))
            return errors;
        var codes = indicators.Select(i => i.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = wanted.Where(c => string.IsNullOrWhiteSpace(c) || !codes.Contains(c.Trim())).Select(c => $"'{c}'").ToList();
        errors.When(unknown.Count > 0, "indicators",
            Messages.Text(unknown.Count == 1 ? "KindIndicators_Unknown_One" : "KindIndicators_Unknown_Many", string.Join(", ", unknown)));
        var repeated = wanted.Where(c => !string.IsNullOrWhiteSpace(c))
            .GroupBy(c => c!.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return errors.When(repeated.Count > 0, "indicators", Messages.Text("KindIndicators_Repeated", string.Join(", ", repeated)));
    }

    /// <summary>The kinds <paramref name="indicator"/> is left with when it stops applying to <paramref name="kind"/>; null when none would be left.</summary>
    static List<string>? Without(FieldErrors errors, IndicatorDefinition indicator, string kind, IReadOnlyDictionary<string, NamedCode> kinds)
    {
        // "Any kind" then means the kinds there are now: a kind added later is not among them.
        var rest = (indicator.Kinds.Count == 0 ? kinds.Values.Select(k => k.Code) : indicator.Kinds)
            .Where(k => !string.Equals(k, kind, StringComparison.OrdinalIgnoreCase)).ToList();
        if (rest.Count > 0)
            return rest;
        errors.Add("indicators", Messages.Text("KindIndicators_LastKind", indicator.Code, kind));
        return null;
    }

    /// <summary>Appends each revision to its indicator at the version it was decided on; the caller commits (a change in between: 409).</summary>
    public static async Task AppendAsync(IDocumentSession session, IReadOnlyList<IndicatorChange> changes, CancellationToken ct)
    {
        foreach (var change in changes)
            (await session.Events.FetchForWriting<IndicatorDefinition>(change.Indicator.Id, change.Indicator.Version, ct)).AppendOne(change.Revised);
    }

    /// <summary>The codes of the indicators that apply to <paramref name="kind"/>, listed or for any kind.</summary>
    public static IReadOnlyList<string> For(string kind, IEnumerable<IndicatorDefinition> indicators) =>
        indicators.Where(i => AppliesTo(i, kind)).Select(i => i.Code).Order(StringComparer.Ordinal).ToList();
}
