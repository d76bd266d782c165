using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Countries;

/// <summary>A country's dashboard: its names from the code list and the projected totals (zeros when nothing is recorded yet).</summary>
public sealed record CountryDashboard(
    string Code,
    string Alpha3,
    string NameEn,
    string NameEs,
    int Activities,
    long Participants,
    IReadOnlyDictionary<string, int> ActivitiesByKind,
    DateTimeOffset? LastEventAt);

public static class GetCountryDashboardEndpoint
{
    /// <summary>Totals of the activities hosted in one country (ISO 3166-1 alpha-2). Updated asynchronously, usually within a second.</summary>
    [WolverineGet("/api/dashboards/countries/{code}", Name = "GetCountryDashboard"), Tags("Dashboards")]
    [ProducesResponseType<CountryDashboard>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(string code, ReferenceData reference, IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!reference.Countries.TryGetValue(code, out var country))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Country not found",
                detail: $"'{code}' is not an ISO 3166-1 alpha-2 country code (e.g. MX, GT, CR).");
        // The totals span every programme, so only a user with every programme and this country sees them.
        if (!AccessScope.Of(user).CoversCountryTotals(country.Alpha2))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This dashboard is outside your scope",
                detail: $"{country.NameEn}'s totals cover every programme; you are not assigned to all of them and to {country.Alpha2}.");

        var summary = await session.LoadAsync<CountrySummary>(country.Alpha2, ct) ?? new CountrySummary { Id = country.Alpha2 };
        return Results.Ok(new CountryDashboard(country.Alpha2, country.Alpha3, country.NameEn, country.NameEs,
            summary.Activities, summary.Participants, summary.ActivitiesByKind, summary.LastEventAt));
    }
}
