using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ActivityTracker.Components.Dashboards;

/// <summary>
/// Whether the browser of this circuit is connected. The server keeps a circuit for a while after its browser
/// goes (a closed tab, a phone that sleeps) in case it comes back; its pages must not read figures for no one
/// meanwhile. A page that was told of a change while away reads once when the browser is back.
/// </summary>
public sealed class CircuitPresence : CircuitHandler
{
    public bool Connected { get; private set; } = true;

    /// <summary>Raised when the browser comes back.</summary>
    public event Func<Task>? Reconnected;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Connected = false;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var wasAway = !Connected;
        Connected = true;
        return wasAway && Reconnected is { } reconnected ? reconnected() : Task.CompletedTask;
    }
}
