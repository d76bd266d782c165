using Marten;
using Marten.Exceptions;
using Wolverine.Http;

namespace ActivityTracker.Decisions;

/// <summary>
/// Starting a stream whose id comes from a code (<see cref="DeterministicId"/>): reference
/// data such as programmes, organisations and indicators. The code is the identity, so
/// registering a code twice is a conflict (409), never a second stream and never a 500.
/// </summary>
public static class NamedStreams
{
    /// <summary>
    /// Starts stream <paramref name="id"/> with <paramref name="registered"/> and commits at once,
    /// so that a code already taken, by an earlier request or by one racing this one, is
    /// answered 409 with nothing stored. 201 with <paramref name="location"/> otherwise.
    /// </summary>
    /// <param name="noun">What the stream is, for messages ("programme", "organisation").</param>
    public static async Task<IResult> RegisterAsync<T>(this IDocumentSession session, string noun, string code, Guid id,
        object registered, string location, CancellationToken ct) where T : class =>
        await session.TryStartAsync<T>(id, registered, ct)
            ? Results.Created(location, new CreationResponse<Guid>(location, id))
            : AlreadyRegistered(noun, code);

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

    static IResult AlreadyRegistered(string noun, string code) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: Rules.About(noun, "Problem_AlreadyRegistered"), detail: Rules.About(noun, "Problem_AlreadyRegisteredDetail", code));
}
