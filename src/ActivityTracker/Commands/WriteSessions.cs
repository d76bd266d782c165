using Marten;

namespace ActivityTracker.Commands;

/// <summary>
/// The sessions background work (an import's batches) writes through outside Wolverine's handlers: their events carry the
/// acting user (<c>LastModifiedBy</c>) and a correlation id (the current trace's, else a new one), as those of the API and the
/// pages do (Wolverine relays the signed-in user's name, <c>EnableRelayOfUserName</c>; a page's command carries its user).
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
