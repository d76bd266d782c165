using System.Security.Claims;
using ActivityTracker.Decisions;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Wolverine;

namespace ActivityTracker.Commands;

/// <summary>
/// A command from a page, as a Wolverine message: who acts, on which stream, and the slice's own function that runs the
/// command on a session (the same one its endpoint runs: rules, scope on what is written, append). A page has no request
/// for Wolverine to read the user from, so the message carries them. It is only ever invoked in process
/// (<see cref="PageCommands"/>), never sent or stored, so it may carry a function.
/// </summary>
public sealed record PageCommand(ClaimsPrincipal By, Guid StreamId, Func<IDocumentSession, CancellationToken, Task<CommandOutcome>> Run);

/// <summary>Runs a page's command inside Wolverine's transactional middleware, which commits, as it does an endpoint's.</summary>
public static class PageCommandHandler
{
    public static Task<CommandOutcome> Handle(PageCommand command, IDocumentSession session, CancellationToken ct)
    {
        // Stamped on every event, as Wolverine does for the API from the request's user.
        session.LastModifiedBy = command.By.Identity?.Name;
        return command.Run(session, ct);
    }
}

/// <summary>
/// How pages run commands: through Wolverine, one commit per command. A writer that slipped in between the page's read and
/// the commit makes the command <see cref="CommandOutcome.Stale"/>, with nothing stored.
/// </summary>
public sealed class PageCommands(IMessageBus bus, IDocumentStore store)
{
    /// <summary>A command on an existing record at the <paramref name="version"/> the page shows (<see cref="StreamCommands.ApplyAsync{T}"/>).</summary>
    public Task<CommandOutcome> ApplyAsync<T>(ClaimsPrincipal by, Guid id, long version, Func<T, Decision> decide, WriteScope<T> mayWrite,
        CancellationToken ct = default) where T : class =>
        RunAsync(new PageCommand(by, id, (session, token) => session.ApplyAsync(id, version, decide, mayWrite, token)), ct);

    /// <summary>Runs <paramref name="command"/>; stale when another writer committed to its stream first.</summary>
    public async Task<CommandOutcome> RunAsync(PageCommand command, CancellationToken ct = default)
    {
        try
        {
            return await bus.InvokeAsync<CommandOutcome>(command, ct);
        }
        catch (Exception e) when (e is ConcurrencyException or ExistingStreamIdCollisionException)
        {
            await using var reader = store.QuerySession();
            return new CommandOutcome.Stale((await reader.Events.FetchStreamStateAsync(command.StreamId, ct))?.Version ?? 0);
        }
    }
}
