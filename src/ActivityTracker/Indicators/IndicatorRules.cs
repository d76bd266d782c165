using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using ActivityTracker.Reference;

namespace ActivityTracker.Indicators;

/// <summary>The rules defining and revising share: names, unit, breakdowns and the activity kinds an indicator applies to.</summary>
public static class IndicatorRules
{
    public static FieldErrors CheckNamesAndUnit(this FieldErrors errors, string? nameEn, string? nameEs, string? unit, bool required)
    {
        foreach (var (field, value, what, max) in new[]
                 {
                     ("nameEn", nameEn, Messages.Text("What_EnglishName"), IndicatorDefinition.NameMaxLength),
                     ("nameEs", nameEs, Messages.Text("What_SpanishName"), IndicatorDefinition.NameMaxLength),
                     ("unit", unit, Messages.Text("What_Unit"), IndicatorDefinition.UnitMaxLength),
                 })
        {
            // A revision leaves out what it does not change; what it sends must be a real value.
            if (required || value is not null)
                errors.RequireText(field, value, max, what);
        }
        return errors;
    }

    public static FieldErrors CheckAggregation(this FieldErrors errors, AggregationRule? aggregation, bool required) =>
        aggregation is null
            ? errors.When(required, "aggregation", Messages.Text("AggregationRequired", string.Join(", ", Enum.GetNames<AggregationRule>())))
            : errors.When(!Enum.IsDefined(aggregation.Value), "aggregation",
                Messages.Text("NotAnAggregation", (int)aggregation.Value, string.Join(", ", Enum.GetNames<AggregationRule>())));

    /// <summary>
    /// The measure and what goes with it, on the definition as it will stand: a percentage or an average says what it is
    /// of or per, is never added up (<see cref="AggregationRule.WeightedMean"/> or <see cref="AggregationRule.Latest"/>) and is
    /// not broken down (each part would need its own base); a count is per nothing and is not a weighted mean.
    /// </summary>
    public static FieldErrors CheckMeasure(this FieldErrors errors, IndicatorMeasure measure, string? per, AggregationRule? aggregation,
        IReadOnlyList<Breakdown>? breakdowns)
    {
        if (!Enum.IsDefined(measure))
            return errors.Add("measure", Messages.Text("NotAMeasure", (int)measure, string.Join(", ", Enum.GetNames<IndicatorMeasure>())));
        if (measure == IndicatorMeasure.Count)
            return errors
                .When(per is not null, "per", Messages.Text("PerForCount"))
                .When(aggregation == AggregationRule.WeightedMean, "aggregation", Messages.Text("RuleNotForCount"));
        var what = Messages.Text($"Measure_{measure}");
        if (string.IsNullOrWhiteSpace(per))
            errors.Add("per", Messages.Text($"PerRequired_{measure}"));
        else
            errors.LimitText("per", per, IndicatorDefinition.PerMaxLength, Messages.Text("What_Per"));
        return errors
            .When(aggregation is not (null or AggregationRule.WeightedMean or AggregationRule.Latest), "aggregation", Messages.Text("RuleNotForMean", what))
            .When(breakdowns is { Count: > 0 }, "breakdowns", Messages.Text("BreakdownsNotForMean", what));
    }

    public static FieldErrors CheckBreakdowns(this FieldErrors errors, IReadOnlyList<Breakdown>? breakdowns)
    {
        if (breakdowns is null || !errors.LimitCount("breakdowns", breakdowns, IndicatorDefinition.BreakdownsMax))
            return errors;
        var unknown = breakdowns.Where(b => !Enum.IsDefined(b)).Select(b => (int)b).ToList();
        errors.When(unknown.Count > 0, "breakdowns",
            Messages.Text(unknown.Count == 1 ? "NotABreakdown_One" : "NotABreakdown_Many", string.Join(", ", unknown), string.Join(", ", Enum.GetNames<Breakdown>())));
        var repeated = breakdowns.GroupBy(b => b).Where(g => g.Count() > 1).Select(g => g.Key.ToString()).ToList();
        return errors.When(repeated.Count > 0, "breakdowns", Messages.Text("BreakdownsRepeated", string.Join(", ", repeated)));
    }

    /// <param name="known">Every activity kind there is, as the store has them (<c>KindList.LoadAsync</c>).</param>
    public static FieldErrors CheckKinds(this FieldErrors errors, IReadOnlyList<string?>? kinds, IReadOnlyDictionary<string, NamedCode> known)
    {
        if (kinds is null || !errors.LimitCount("kinds", kinds, IndicatorDefinition.KindsMax))
            return errors;
        var unknown = kinds.Where(k => string.IsNullOrWhiteSpace(k) || !known.ContainsKey(k.Trim())).Select(k => $"'{k}'").ToList();
        errors.When(unknown.Count > 0, "kinds",
            Messages.Text(unknown.Count == 1 ? "NotAKind_One" : "NotAKind_Many", string.Join(", ", unknown), string.Join(", ", known.Keys)));
        var repeated = kinds.Where(k => !string.IsNullOrWhiteSpace(k))
            .GroupBy(k => k!.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return errors.When(repeated.Count > 0, "kinds", Messages.Text("KindsRepeated", string.Join(", ", repeated)));
    }

    /// <summary>Kinds that passed <see cref="CheckKinds"/>, in their canonical spelling.</summary>
    public static IReadOnlyList<string> CanonicalKinds(IReadOnlyList<string?>? kinds, IReadOnlyDictionary<string, NamedCode> known) =>
        kinds?.Select(k => known[k!.Trim()].Code).ToList() ?? [];
}
