using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Localization;

namespace ActivityTracker.Breakdowns;

/// <summary>The rules defining and revising a breakdown dimension share: names, categories and where it applies.</summary>
public static class BreakdownRules
{
    /// <param name="prefix">Where the names are: empty for the dimension's, <c>categories[2].</c> for a category's.</param>
    public static FieldErrors CheckNames(this FieldErrors errors, string? nameEn, string? nameEs, bool required, string prefix = "")
    {
        foreach (var (field, value, what) in new[]
                 {
                     ($"{prefix}nameEn", nameEn, Messages.Text("What_EnglishName")),
                     ($"{prefix}nameEs", nameEs, Messages.Text("What_SpanishName")),
                 })
        {
            // A revision leaves out what it does not change; what it sends must be a real value.
            if (required || value is not null)
                errors.RequireText(field, value, BreakdownDimension.NameMaxLength, what);
        }
        return errors;
    }

    /// <summary>
    /// A list dimension's categories: at least one, each with a code of the dimension codes' shape, both names, and a code
    /// used once; an organisations dimension has none of its own (the directory is its list).
    /// </summary>
    public static FieldErrors CheckCategories(this FieldErrors errors, DimensionValues values, IReadOnlyList<DimensionCategoryInput?>? categories)
    {
        if (values == DimensionValues.Organisations)
            return errors.When(categories is { Count: > 0 }, "categories", Messages.Text("CategoriesForOrganisations"));
        if (categories is not { Count: > 0 })
            return errors.Add("categories", Messages.Text("CategoriesRequired"));
        if (!errors.LimitCount("categories", categories, BreakdownDimension.CategoriesMax))
            return errors;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < categories.Count; i++)
        {
            var at = $"categories[{i}]";
            if (categories[i] is not { } category)
            {
                errors.Add(at, Messages.Text("CategoryRequired"));
                continue;
            }
            errors.RequireCode($"{at}.code", category.Code, BreakdownDimension.CodePattern, BreakdownDimension.Canonical,
                    Messages.Text("What_CategoryCode"), BreakdownDimension.CodeShape)
                .CheckNames(category.NameEn, category.NameEs, required: true, prefix: $"{at}.");
            errors.When(!string.IsNullOrWhiteSpace(category.Code) && !seen.Add(category.Code.Trim()), $"{at}.code",
                Messages.Text("CategoryCodeRepeated", category.Code));
        }
        return errors;
    }

    /// <summary>
    /// The indicators it breaks down: defined ones, each once, and counts only (a percentage or an average is not broken
    /// down: each part would need its own base).
    /// </summary>
    public static FieldErrors CheckIndicators(this FieldErrors errors, IReadOnlyList<string?>? codes, IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        if (codes is null || !errors.LimitCount("indicators", codes, BreakdownDimension.IndicatorsMax))
            return errors;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < codes.Count; i++)
        {
            var at = $"indicators[{i}]";
            if (string.IsNullOrWhiteSpace(codes[i]) || !indicators.TryGetValue(codes[i]!.Trim(), out var indicator))
                errors.Add(at, Messages.Text("NotAnIndicator", codes[i]));
            else if (indicator.Measure != IndicatorMeasure.Count)
                errors.Add(at, Messages.Text("DimensionNotForMean", indicator.Code, Messages.Text($"Measure_{indicator.Measure}")));
            else if (!seen.Add(indicator.Code))
                errors.Add(at, Messages.Text("IndicatorRepeated", indicator.Code));
        }
        return errors;
    }

    /// <summary>Categories that passed <see cref="CheckCategories"/>: canonical codes, trimmed names.</summary>
    public static IReadOnlyList<DimensionCategory> CanonicalCategories(IReadOnlyList<DimensionCategoryInput?>? categories) =>
        categories?.Select(c => new DimensionCategory(BreakdownDimension.Canonical(c!.Code!), c.NameEn!.Trim(), c.NameEs!.Trim())).ToList() ?? [];

    /// <summary>Indicator codes that passed <see cref="CheckIndicators"/>, in their canonical spelling.</summary>
    public static IReadOnlyList<string> CanonicalIndicators(IReadOnlyList<string?>? codes, IReadOnlyDictionary<string, IndicatorDefinition> indicators) =>
        codes?.Select(c => indicators[c!.Trim()].Code).ToList() ?? [];
}

/// <summary>A category as an administrator sends it; nullable so a missing part is reported by name.</summary>
public sealed record DimensionCategoryInput(string? Code, string? NameEn, string? NameEs);
