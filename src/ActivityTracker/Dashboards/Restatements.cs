using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Dashboards.Reads;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Dashboards;

/// <summary>
/// What changed between two instants and why: the figures as the dashboards showed them at
/// <see cref="From"/> and at <see cref="To"/>, and every restating event in between.
/// <see cref="Scope"/> is <c>complete</c>, or <c>filtered</c> when the user's programmes or
/// countries leave some activities out.
/// </summary>
public sealed record RestatementReport(
    DateTimeOffset From,
    DateTimeOffset To,
    string Scope,
    Figures AtFrom,
    Figures AtTo,
    IReadOnlyList<Restatement> Restatements);

[Authorize(Roles = Roles.Any)]
public static class RestatementEndpoints
{
    /// <summary>
    /// What changed in the reported figures after <c>from</c> up to <c>to</c> (ISO 8601 instants)
    /// and why: corrections, re-reported figures, cancellations, reopenings and send-backs with
    /// their reasons and the figure before and after, next to the totals at both instants.
    /// Optionally for one <c>programme</c>, host <c>country</c> or <c>kind</c>.
    /// </summary>
    [WolverineGet("/api/dashboards/restatements", Name = "ListRestatements"), Tags("Dashboards")]
    [ProducesResponseType<RestatementReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Get(DateTimeOffset? from, DateTimeOffset? to, string? programme, string? country, string? kind,
        DashboardReads reads, ReferenceData codes, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var session = await reads.QuerySessionAsync(ct);
        var filter = new DashboardFilter(null, null, programme, country, kind, null);
        var errors = (await filter.CheckAsync(session, codes, ct))
            .When(from is null, "from", Messages.Text("FromRequired"))
            .When(to is null, "to", Messages.Text("ToRequired"))
            .When(from >= to, "to", Messages.Text("EndNotAfterStart", to, from));
        if (!errors.IsEmpty)
            return Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Messages.Text("Problem_RestatementsInvalid"));

        return Results.Ok(await RestatementReports.ReportAsync(session, filter, AccessScope.Of(user), from!.Value, to, clock, ct));
    }
}

/// <summary>What changed in the figures between two instants, and why: what the restatements endpoint and the page show.</summary>
public static class RestatementReports
{
    /// <summary>
    /// The figures the dashboards showed at <paramref name="from"/> and at <paramref name="to"/> (now when null: the current cube), both read
    /// by <see cref="DashboardCube.ReadAsync"/>, and the restating events in between; the API and the page show the same.
    /// </summary>
    public static async Task<RestatementReport> ReportAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        DateTimeOffset from, DateTimeOffset? to, TimeProvider clock, CancellationToken ct)
    {
        // Both instants in UTC, as the filter holds them.
        var (since, until) = (filter with { AsOf = from }, filter with { AsOf = to });
        async Task<Figures> FiguresAsync(DashboardFilter at) => (await DashboardCube.ReadAsync(session, at, scope, [], ct)).Total().AllReported;
        var restatements = await RestatingEvents.BetweenAsync(session, since.AsOf!.Value, until.AsOf, activities: null,
            a => filter.Matches(a) && scope.Covers(a.ProgrammeCode, a.Location.CountryCode, a.ParticipatingCountries), ct);
        return new RestatementReport(since.AsOf.Value, until.AsOf ?? clock.GetUtcNow(), scope.Coverage, await FiguresAsync(since), await FiguresAsync(until), restatements);
    }
}
