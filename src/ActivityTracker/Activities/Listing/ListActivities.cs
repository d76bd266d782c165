using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Activities.Listing;

/// <summary>One page of activities, newest first.</summary>
public sealed record ActivityPage(IReadOnlyList<ActivityDetails> Items, long Page, long PageSize, long TotalItems, long PageCount);

public static class ListActivitiesEndpoint
{
    /// <summary>The same rule as <see cref="AccessScope.Covers"/>, as a database query.</summary>
    public static IQueryable<ActivityDetails> InScopeOf(this IQueryable<ActivityDetails> activities, AccessScope scope)
    {
        if (!scope.AllProgrammes)
        {
            var programmes = scope.Programmes.ToArray();
            activities = activities.Where(a => a.ProgrammeCode.IsOneOf(programmes));
        }
        if (!scope.AllCountries)
        {
            var countries = scope.Countries.ToArray();
            activities = activities.Where(a => a.Location.CountryCode.IsOneOf(countries) || a.ParticipatingCountries.Any(c => c.IsOneOf(countries)));
        }
        return activities;
    }

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// The paging of every paged list (activities, an import's problems). The rows skipped, (page - 1) x size, are an
    /// <c>int</c> in the query: a page past the last it reaches overflowed it, a 500.
    /// </summary>
    public static ProblemDetails Validate(int? page, int? pageSize)
    {
        var size = pageSize is >= 1 and <= MaxPageSize ? pageSize.Value : DefaultPageSize;
        // The last page whose first row a query can still reach.
        var last = int.MaxValue / size;
        return new FieldErrors()
            .When(page < 1, "page", Rules.Text("PageStart"))
            .When(pageSize is < 1 or > MaxPageSize, "pageSize", Rules.Text("PageSize", MaxPageSize))
            .When(page > last, "page", Rules.Text("PageTooFar", last, size))
            .ToProblemDetails(Rules.Text("Problem_ListUnreadable"));
    }

    /// <summary>The activities in the user's scope, newest first, a page at a time (<c>?page=1&amp;pageSize=20</c>).</summary>
    [WolverineGet("/api/activities", Name = "ListActivities"), Tags("Activities")]
    [ProducesResponseType<ActivityPage>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<ActivityPage> Get(int? page, int? pageSize, IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var items = await session.Query<ActivityDetails>()
            .InScopeOf(AccessScope.Of(user))
            .OrderByDescending(a => a.RecordedAt)
            .ThenByDescending(a => a.Id)
            .ToPagedListAsync(page ?? 1, pageSize ?? DefaultPageSize, ct);
        return new ActivityPage(items.ToList(), items.PageNumber, items.PageSize, items.TotalItemCount, items.PageCount);
    }
}
