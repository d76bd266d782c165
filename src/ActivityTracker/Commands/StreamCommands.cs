using ActivityTracker.Decisions;
using Marten;

namespace ActivityTracker.Commands;

/// <summary>The answer to an accepted command on an existing stream: its id and the version it is now at.</summary>
public sealed record CommandAccepted(Guid Id, long Version);

/// <summary>What happened to a command on a stream, before it is turned into an HTTP answer or a UI message.</summary>
public abstract record CommandOutcome
{
    private CommandOutcome() { }

    public sealed record NotFound : CommandOutcome;
    public sealed record OutsideScope : CommandOutcome;
    /// <summary>The record changed since the client read it (or, for a stream being started, another writer started it first).</summary>
    public sealed record Stale(long CurrentVersion) : CommandOutcome;
    /// <summary>The rules ran against <paramref name="Version"/>; accepted events are appended, not yet committed.</summary>
    public sealed record Decided(Decision Decision, long Version) : CommandOutcome;
}

/// <summary>Whether the acting user may append <paramref name="written"/> to <paramref name="record"/> (none: may they act on it at all).</summary>
public delegate bool WriteScope<in T>(T record, IReadOnlyList<object> written);

/// <summary>
/// The one way a command reaches a stream, whichever adapter sent it (an endpoint, or a page through
/// <see cref="PageCommands"/>): load the aggregate for writing, check the version the client last read,
/// run the pure decision, check scope on what it writes, append. Wolverine's transactional middleware
/// commits; a concurrent writer that slips in between load and commit makes Marten throw at commit.
/// </summary>
public static class StreamCommands
{
    /// <param name="expectedVersion">The version the client last read.</param>
    /// <param name="mayWrite">Whether the acting user may append these events to this record: asked
    /// first with none (may they act on it at all), then with the accepted events, so that a write is
    /// checked against what it writes (a correction that moves a record out of the user's scope).</param>
    public static async Task<CommandOutcome> ApplyAsync<T>(this IDocumentSession session, Guid id, long expectedVersion,
        Func<T, Decision> decide, WriteScope<T> mayWrite, CancellationToken ct) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        if (stream.Aggregate is null)
            return new CommandOutcome.NotFound();
        if (!mayWrite(stream.Aggregate, []))
            return new CommandOutcome.OutsideScope();

        var current = stream.CurrentVersion ?? 0;
        if (current != expectedVersion)
            return new CommandOutcome.Stale(current);

        var decision = decide(stream.Aggregate);
        if (decision is not Decision.Accepted accepted)
            return new CommandOutcome.Decided(decision, current);
        if (!mayWrite(stream.Aggregate, accepted.Events))
            return new CommandOutcome.OutsideScope();
        stream.AppendMany(accepted.Events);
        return new CommandOutcome.Decided(decision, current);
    }

    /// <summary>
    /// A command on a stream that its first accepted command starts (a reporting period has
    /// none until it is first closed): <paramref name="decide"/> sees null while there is no
    /// stream. No version is asked for; the one read here is checked at commit. A stream started
    /// here is committed at once, so that a writer that started it first makes this one
    /// <see cref="CommandOutcome.Stale"/>, with nothing stored, rather than fail at the final commit.
    /// </summary>
    public static async Task<CommandOutcome> DecideOrStartAsync<T>(this IDocumentSession session, Guid id,
        Func<T?, Decision> decide, CancellationToken ct) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        var decision = decide(stream.Aggregate);
        if (decision is Decision.Accepted accepted)
            stream.AppendMany(accepted.Events);
        var outcome = new CommandOutcome.Decided(decision, stream.StartingVersion ?? 0);
        if (stream.Aggregate is not null || decision is not Decision.Accepted)
            return outcome;
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            // Drop the failed stream so the transactional middleware's own commit has nothing to redo.
            session.EjectAllPendingChanges();
            return new CommandOutcome.Stale(0);
        }
        return outcome;
    }

    /// <summary>
    /// Starts stream <paramref name="id"/> with what <paramref name="decision"/> accepted, if the acting user may write it
    /// (checked on the events, since there is no record yet); the caller commits.
    /// </summary>
    public static CommandOutcome Start<T>(this IDocumentSession session, Guid id, Decision decision, WriteScope<T?> mayWrite) where T : class
    {
        if (decision is not Decision.Accepted accepted)
            return new CommandOutcome.Decided(decision, 0);
        if (!mayWrite(null, accepted.Events))
            return new CommandOutcome.OutsideScope();
        session.Events.StartStream<T>(id, accepted.Events.ToArray());
        return new CommandOutcome.Decided(decision, 0);
    }

    /// <summary>For records every signed-in user with the endpoint's role may act on.</summary>
    public static bool Everyone<T>(T record, IReadOnlyList<object> written) => true;

    /// <summary>Today's date in UTC, for rules about the future.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
