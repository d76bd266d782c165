using System.Net;

namespace ActivityTracker.Benchmarks.Harness;

/// <summary>
/// The failed operations of a load and what the first one was, so a report with failures says why
/// (a load with failures is not a valid measurement).
/// </summary>
public sealed class Failures
{
    string? _first;

    public string? First => _first;

    /// <summary>True when <paramref name="response"/> has the <paramref name="expected"/> status; otherwise keeps the first such answer.</summary>
    public async Task<bool> CheckAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            if (response.StatusCode == expected)
                return true;
            var body = await response.Content.ReadAsStringAsync();
            Interlocked.CompareExchange(ref _first, $"{(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}", null);
            return false;
        }
    }

    /// <summary>Runs <paramref name="operation"/>; an exception (a timeout, a refused connection) is a failure, not the end of the load.</summary>
    public async Task<bool> GuardAsync(Func<Task<bool>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Npgsql.NpgsqlException)
        {
            Interlocked.CompareExchange(ref _first, $"{e.GetType().Name}: {e.Message}", null);
            return false;
        }
    }

    /// <summary>The note of a row whose load had <paramref name="count"/> failures.</summary>
    public string Describe(int count) => $"INVALID: {count} failed operations (first: {First})";
}
