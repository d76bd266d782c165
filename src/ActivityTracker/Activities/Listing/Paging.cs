using ActivityTracker.Decisions;
using ActivityTracker.Localization;

namespace ActivityTracker.Activities.Listing;

/// <summary>The page size and page number rules of every paged list (activities, an import's problems).</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// The rows skipped, (page - 1) x size, are an <c>int</c> in the query: a page past the last it reaches overflowed
    /// it, a 500. Each problem names its parameter.
    /// </summary>
    public static FieldErrors Check(int? page, int? pageSize)
    {
        var size = pageSize is >= 1 and <= MaxPageSize ? pageSize.Value : DefaultPageSize;
        // The last page whose first row a query can still reach.
        var last = int.MaxValue / size;
        return new FieldErrors()
            .When(page < 1, "page", Messages.Text("PageStart"))
            .When(pageSize is < 1 or > MaxPageSize, "pageSize", Messages.Text("PageSize", MaxPageSize))
            .When(page > last, "page", Messages.Text("PageTooFar", last, size));
    }

    /// <inheritdoc cref="Check"/>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails Validate(int? page, int? pageSize) =>
        Check(page, pageSize).ToProblemDetails(Messages.Text("Problem_ListUnreadable"));
}
