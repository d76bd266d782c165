using Marten;

namespace ActivityTracker.Decisions;

/// <summary>
/// The sessions pages and background work write through outside Wolverine's HTTP pipeline: their events carry the acting user
/// (<c>LastModifiedBy</c>) and a correlation id (the current trace's, else a new one), as those of the API do (Wolverine relays
/// the signed-in user's name, <c>EnableRelayOfUserName</c>).
/// </summary>
public static class WriteSessions
{
    public static IDocumentSession WriteSession(this IDocumentStore store, string? userName, string? correlationId = null)
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = userName;
        session.CorrelationId = correlationId ?? System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        return session;
    }
}
