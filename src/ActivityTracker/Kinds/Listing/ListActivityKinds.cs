using ActivityTracker.Indicators;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Kinds.Listing;

/// <summary>An activity kind with the indicators that apply to it.</summary>
/// <param name="Version">Its stream's version, sent back to rename it; 0 for a shipped kind whose stream is not seeded yet (run <c>seed</c>).</param>
/// <param name="Indicators">Codes of the indicators that apply to it: those that list it and those for any kind.</param>
public sealed record ActivityKindView(string Code, string NameEn, string NameEs, long Version, IReadOnlyList<string> Indicators)
{
    /// <summary>Every kind in display order (shipped kinds first, then those added since), from the store.</summary>
    public static async Task<IReadOnlyList<ActivityKindView>> AllAsync(IQuerySession session, ReferenceData codes, CancellationToken ct)
    {
        var stored = await session.Query<ActivityKindDetails>().ToListAsync(ct);
        var indicators = await session.Query<IndicatorDefinition>().ToListAsync(ct);
        var versions = stored.ToDictionary(k => k.Code, k => k.Version, StringComparer.OrdinalIgnoreCase);
        return KindList.Merge(codes.SeededKinds, stored).Values
            .Select(k => new ActivityKindView(k.Code, k.NameEn, k.NameEs, versions.GetValueOrDefault(k.Code), KindIndicators.For(k.Code, indicators)))
            .ToList();
    }
}

public static class ListActivityKindsEndpoint
{
    /// <summary>Every activity kind with its names, version and the indicators that apply to it, in display order.</summary>
    [WolverineGet("/api/activity-kinds", Name = "ListAllActivityKinds"), Tags("Activity kinds")]
    public static Task<IReadOnlyList<ActivityKindView>> Get(ReferenceData codes, IQuerySession session, CancellationToken ct) =>
        ActivityKindView.AllAsync(session, codes, ct);

    /// <summary>One activity kind by its code (any case).</summary>
    [WolverineGet("/api/activity-kinds/{code}", Name = "GetActivityKind"), Tags("Activity kinds")]
    [ProducesResponseType<ActivityKindView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> GetOne(string code, ReferenceData codes, IQuerySession session, CancellationToken ct) =>
        (await ActivityKindView.AllAsync(session, codes, ct)).FirstOrDefault(k => string.Equals(k.Code, code.Trim(), StringComparison.OrdinalIgnoreCase)) is { } kind
            ? Results.Ok(kind)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.About("activity kind", "Problem_NotFound"),
                detail: Messages.About("activity kind", "Problem_NoSuchCode", code));
}
