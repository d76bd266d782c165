using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Activities.Listing;

/// <summary>
/// One page of activities, newest first. <paramref name="Next"/> asks for the page after it (<c>?after=</c>) and is null
/// on the last page. <paramref name="Page"/> is the page number when the request gave one (or none at all: page 1);
/// <paramref name="TotalItems"/> and <paramref name="PageCount"/> only with <c>includeTotal=true</c>, since counting
/// every activity in scope costs more than the page itself.
/// </summary>
public sealed record ActivityPage(IReadOnlyList<ActivityDetails> Items, int PageSize, bool HasMore, string? Next,
    int? Page = null, long? TotalItems = null, long? PageCount = null);

public static class ListActivitiesEndpoint
{
    /// <summary>Page rules, then the cursor: one <c>after</c> token read back as <see cref="ListPosition"/>, and not mixed with <c>page</c>.</summary>
    public static ProblemDetails Validate(int? page, int? pageSize, string? after) => Paging.Check(page, pageSize)
        .When(after is not null && !ListPosition.TryRead(after, out _), "after", Messages.Text("ListAfterUnreadable"))
        .When(after is not null && page is not null, "page", Messages.Text("ListPageWithAfter"))
        .ToProblemDetails(Messages.Text("Problem_ListUnreadable"));

    /// <summary>
    /// The activities in the user's scope, newest first: <c>?pageSize=20</c>, then <c>?after={next}</c> for each following
    /// page. <c>?page=N</c> still works for older clients (it reads the pages before it). <c>includeTotal=true</c> adds the count.
    /// </summary>
    [WolverineGet("/api/activities", Name = "ListActivities"), Tags("Activities")]
    [ProducesResponseType<ActivityPage>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<ActivityPage> Get(int? page, int? pageSize, string? after, bool? includeTotal,
        IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var size = pageSize ?? Paging.DefaultPageSize;
        var inScope = session.Query<ActivityDetails>().InScopeOf(AccessScope.Of(user));
        ListPosition? position = ListPosition.TryRead(after, out var p) ? p : null;
        var number = position is null ? page ?? 1 : (int?)null;
        var found = await inScope.PageAsync(session, position, ((number ?? 1) - 1) * size, size, ct);
        long? total = includeTotal == true ? await inScope.LongCountAsync(ct) : null;
        return new ActivityPage(found.Items, size, found.Next is not null, found.Next?.Token, number, total, (total + size - 1) / size);
    }
}
