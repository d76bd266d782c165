using ActivityTracker.Access;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Indicators;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Breakdowns.Defining;

/// <summary>Define a breakdown dimension. Properties are nullable so that a missing one is reported by name.</summary>
/// <param name="Code">2 to 40 lower-case letters, digits or hyphens (stored lower case), e.g. <c>institution</c>; not sex, age or country.</param>
/// <param name="Values">Organisations (its categories are the directory's organisations) or List (the <paramref name="Categories"/> given).</param>
/// <param name="Categories">For a list: 1 to 100 categories, each a code and English and Spanish names.</param>
/// <param name="Participants">Whether it breaks down an activity's participants.</param>
/// <param name="Indicators">The codes of the count indicators it breaks down.</param>
public sealed record DefineBreakdown(
    string? Code,
    string? NameEn,
    string? NameEs,
    DimensionValues? Values,
    IReadOnlyList<DimensionCategoryInput?>? Categories = null,
    bool? Participants = null,
    IReadOnlyList<string?>? Indicators = null)
{
    /// <summary>The whole rule: a definition needs no current state (a taken code is the store's answer).</summary>
    public Decision Decide(IReadOnlyDictionary<string, IndicatorDefinition> indicators) =>
        Decision.Check(Check(indicators), () => [Defined(indicators)]);

    /// <summary>The bad fields, for a form's messages as the administrator types.</summary>
    public FieldErrors Check(IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        var errors = new FieldErrors()
            .RequireCode("code", Code, BreakdownDimension.CodePattern, BreakdownDimension.Canonical, Messages.Text("What_DimensionCode"), BreakdownDimension.CodeShape)
            .When(Code is not null && BreakdownDimension.BuiltIn.Contains(Code.Trim()), "code", Messages.Text("DimensionBuiltIn", Code))
            .CheckNames(NameEn, NameEs, required: true)
            .CheckIndicators(Indicators, indicators);
        if (Values is not { } values || !Enum.IsDefined(values))
            return errors.Add("values", Messages.Text("DimensionValuesRequired", string.Join(", ", Enum.GetNames<DimensionValues>())));
        return errors.CheckCategories(values, Categories);
    }

    /// <summary>The event for a command that passed <see cref="Check"/>: trimmed text, canonical codes.</summary>
    BreakdownDimensionDefined Defined(IReadOnlyDictionary<string, IndicatorDefinition> indicators) => new(
        BreakdownDimension.IdFor(Code!),
        BreakdownDimension.Canonical(Code!),
        NameEn!.Trim(),
        NameEs!.Trim(),
        Values!.Value,
        BreakdownRules.CanonicalCategories(Categories),
        Participants ?? false,
        BreakdownRules.CanonicalIndicators(Indicators, indicators));
}

public static class DefineBreakdownEndpoint
{
    /// <summary>Defines a breakdown dimension as the first event of the stream named by its code; 409 when the code is taken.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/breakdowns", Name = "DefineBreakdown"), Tags("Breakdowns")]
    [StartsStream]
    public static async Task<IResult> Post(DefineBreakdown command, IDocumentSession session, CancellationToken ct)
    {
        var indicators = await IndicatorsOf(session, ct);
        return await session.RegisterAsync<BreakdownDimension>("breakdown", command.Decide(indicators), "/api/breakdowns", ct);
    }

    /// <summary>Every indicator by code: a dimension names some, and there are tens of them.</summary>
    public static async Task<IReadOnlyDictionary<string, IndicatorDefinition>> IndicatorsOf(IQuerySession session, CancellationToken ct) =>
        (await session.Query<IndicatorDefinition>().ToListAsync(ct)).ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
}
