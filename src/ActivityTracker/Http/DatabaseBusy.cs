using ActivityTracker.Localization;
using Npgsql;

namespace ActivityTracker.Http;

/// <summary>
/// The database did not answer in time: every connection of the node's pool stayed taken for longer than the pool waits, or a
/// command timed out (Npgsql raises both with a <see cref="TimeoutException"/> inside). The node is overloaded, not broken: the
/// answer is 503 with <c>Retry-After</c>, saying so in the request's language, never 500. Seen at 200 dashboard reads a second
/// on two cores (the benchmarks' P5b).
/// </summary>
public static class DatabaseBusy
{
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { InnerException: TimeoutException })
                return true;
        return false;
    }

    /// <summary>The status the exception handler answers an exception with.</summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when Is(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Says why for a 503 of <see cref="Is"/>, and when to try again.</summary>
    public static void Describe(ProblemDetailsContext context)
    {
        if (!Is(context.Exception))
            return;
        context.ProblemDetails.Title = Messages.Text("Problem_Busy");
        context.ProblemDetails.Detail = Messages.Text("Problem_BusyDetail", RetryAfterSeconds);
        context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
