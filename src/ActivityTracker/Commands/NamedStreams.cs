using ActivityTracker.Decisions;
using Marten;
using Marten.Exceptions;

namespace ActivityTracker.Commands;

/// <summary>
/// The first event of a stream named by a code (<see cref="DeterministicId"/>): a programme, organisation or indicator.
/// Events implement it explicitly, so what is stored is unchanged.
/// </summary>
public interface IRegistration
{
    Guid StreamId { get; }

    string Code { get; }
}

/// <summary>
/// Starting a stream whose id comes from a code: reference data such as programmes, organisations and indicators. The
/// code is the identity, so registering a code twice is a conflict, never a second stream and never an error.
/// </summary>
public static class NamedStreams
{
    /// <summary>
    /// Runs a registration command's decision: starts the stream its one event names and commits at once. The outcome is
    /// the decision when it was invalid (nothing stored) or accepted (stored), and stale when the code is taken.
    /// </summary>
    public static async Task<CommandOutcome> RegisterAsync<T>(this IDocumentSession session, Decision decision, CancellationToken ct)
        where T : class
    {
        if (decision is not Decision.Accepted accepted)
            return new CommandOutcome.Decided(decision, 0);
        var registered = Registered(accepted);
        return await session.TryStartAsync<T>(registered.StreamId, registered, ct)
            ? new CommandOutcome.Decided(decision, 0)
            : new CommandOutcome.Stale(1);
    }

    /// <summary>The event an accepted registration starts its stream with.</summary>
    public static IRegistration Registered(Decision.Accepted accepted) => accepted.Events is [IRegistration registered]
        ? registered
        : throw new InvalidOperationException("A registration decides one event that names its stream.");

    /// <summary>
    /// Starts stream <paramref name="id"/> with <paramref name="registered"/> and commits at once;
    /// false, with nothing stored, when a stream with that id (that code) already exists.
    /// </summary>
    static async Task<bool> TryStartAsync<T>(this IDocumentSession session, Guid id, object registered, CancellationToken ct) where T : class
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
