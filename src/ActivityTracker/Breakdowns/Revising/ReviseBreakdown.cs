using ActivityTracker.Access;
using ActivityTracker.Breakdowns.Defining;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Indicators;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Breakdowns.Revising;

/// <summary>
/// Revise a breakdown dimension. Leave out what does not change; a list sent replaces the list. A list dimension's
/// categories may be renamed and added to, never removed (parts already reported name them); where its values come from
/// does not change.
/// </summary>
/// <param name="Version">The version of the dimension you last read (optimistic concurrency).</param>
public sealed record ReviseBreakdown(
    long? Version,
    string? NameEn = null,
    string? NameEs = null,
    IReadOnlyList<DimensionCategoryInput?>? Categories = null,
    bool? Participants = null,
    IReadOnlyList<string?>? Indicators = null)
{
    /// <summary>The whole rule: the definition after the revision, which must change something.</summary>
    public Decision Decide(BreakdownDimension current, IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        var errors = new FieldErrors()
            .CheckNames(NameEn, NameEs, required: false)
            .CheckIndicators(Indicators, indicators);
        if (Categories is not null)
        {
            errors.CheckCategories(current.Values, Categories);
            var dropped = current.Categories.Select(c => c.Code)
                .Where(code => !Categories.Any(c => c?.Code is { } sent && BreakdownDimension.Canonical(sent) == code)).ToList();
            errors.When(dropped.Count > 0, "categories", Messages.Text("CategoriesKept", string.Join(", ", dropped)));
        }
        if (!errors.IsEmpty)
            return new Decision.Invalid(errors);

        var revised = new BreakdownDimensionRevised(
            NameEn?.Trim() ?? current.NameEn,
            NameEs?.Trim() ?? current.NameEs,
            Categories is null ? current.Categories : BreakdownRules.CanonicalCategories(Categories),
            Participants ?? current.Participants,
            Indicators is null ? current.Indicators : BreakdownRules.CanonicalIndicators(Indicators, indicators));
        var unchanged = revised.NameEn == current.NameEn && revised.NameEs == current.NameEs && revised.Categories.SequenceEqual(current.Categories)
                        && revised.Participants == current.Participants && revised.Indicators.SequenceEqual(current.Indicators);
        return unchanged
            ? Decision.Refuse(Messages.Text("DimensionRevisionChangesNothing", current.Code))
            : Decision.Append(revised);
    }
}

public static class ReviseBreakdownEndpoint
{
    /// <summary>Revises a breakdown dimension's names, categories (added or renamed) or where it applies.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/breakdowns/{code}/revise", Name = "ReviseBreakdown"), Tags("Breakdowns")]
    [StreamCommand]
    public static async Task<IResult> Post(string code, ReviseBreakdown command, IDocumentSession session, CancellationToken ct)
    {
        var indicators = await DefineBreakdownEndpoint.IndicatorsOf(session, ct);
        return await session.DecideAsync<BreakdownDimension>("breakdown", BreakdownDimension.IdFor(code), command.Version,
            dimension => command.Decide(dimension, indicators), StreamCommands.Everyone, ct);
    }
}
