using Marten;
using Marten.Exceptions;

namespace ActivityTracker.Commands;

/// <summary>
/// Starting a stream whose id comes from a code (<see cref="Decisions.DeterministicId"/>): reference
/// data such as programmes, organisations and indicators. The code is the identity, so
/// registering a code twice is a conflict, never a second stream and never an error.
/// </summary>
public static class NamedStreams
{
    /// <summary>
    /// Starts stream <paramref name="id"/> with <paramref name="registered"/> and commits at once;
    /// false, with nothing stored, when a stream with that id (that code) already exists.
    /// </summary>
    public static async Task<bool> TryStartAsync<T>(this IDocumentSession session, Guid id, object registered, CancellationToken ct) where T : class
    {
        session.Events.StartStream<T>(id, registered);
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (ExistingStreamIdCollisionException)
        {
            // Nothing was stored; drop the failed stream so the transactional middleware's own commit has nothing to redo.
            session.EjectAllPendingChanges();
            return false;
        }
    }
}
