using ActivityTracker.Access;
using ActivityTracker.Dashboards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ActivityTracker.Components.Dashboards;

/// <summary>
/// A dashboard page that reads its figures when its parameters are set, and again when the Dashboards
/// projection changed a cell the page shows (<see cref="DashboardUpdates.Changed"/>, <see cref="Interest"/>),
/// re-rendering without a reload. Unrelated writes cost it nothing; while its browser is away it reads
/// nothing (<see cref="CircuitPresence"/>) and catches up once when it is back; it stops listening when the page goes away.
/// </summary>
public abstract class LiveDashboard : ComponentBase, IDisposable
{
    [Inject] private DashboardUpdates Updates { get; set; } = default!;

    [Inject] private CircuitPresence Presence { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private bool _missed;

    // The reader's language, as the circuit had it when the page was made: a refresh starts from the projection's background
    // work, which runs in the server's, and the page read and rendered there came out in English for a Spanish reader.
    private readonly System.Globalization.CultureInfo _culture = System.Globalization.CultureInfo.CurrentCulture;
    private readonly System.Globalization.CultureInfo _uiCulture = System.Globalization.CultureInfo.CurrentUICulture;

    // One read of the page at a time: a refresh builds on what the page holds, so one started before another ended would
    // put back the months the other just read (a catch-up or a navigation can meet a refresh).
    private readonly SemaphoreSlim _reading = new(1, 1);

    /// <summary>The signed-in user's programmes and countries.</summary>
    protected async Task<AccessScope> ScopeAsync() => AccessScope.Of((await Authentication).User);

    /// <summary>Reads the page's figures (<see cref="DashboardCube.ReadAsync"/>, as the dashboard API does).</summary>
    protected abstract Task LoadAsync();

    /// <summary>What the page shows, to tell which changes concern it; null while it shows nothing that can change.</summary>
    protected abstract DashboardInterest? Interest { get; }

    /// <summary>
    /// Reads again what <paramref name="touch"/> changed of what the page shows (<see cref="Interest"/> concerns it); by default
    /// everything. A page of parts that change apart reads only those whose cells moved; the parts it did not read again keep
    /// their figures.
    /// </summary>
    protected virtual Task RefreshAsync(DashboardTouch touch, AccessScope scope) => LoadAsync();

    protected override Task OnParametersSetAsync() => OneAtATimeAsync(LoadAsync);

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender)
            return;
        Updates.Changed += ChangedAsync;
        Presence.Reconnected += CatchUpAsync;
    }

    private async Task ChangedAsync(DashboardTouch touch)
    {
        var scope = await ScopeAsync();
        if (Interest is not { } interest || !touch.Concerns(interest, scope))
            return;
        if (Presence.Connected)
            await RenderAsync(() => RefreshAsync(touch, scope));
        else
            _missed = true;
    }

    private Task CatchUpAsync()
    {
        if (!_missed)
            return Task.CompletedTask;
        _missed = false;
        // What changed while the browser was away is not kept: read everything once.
        return RenderAsync(LoadAsync);
    }

    // A cell the page shows changed: read the figures again and re-render, without a reload.
    private Task RenderAsync(Func<Task> read) => InvokeAsync(async () =>
    {
        (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
        await OneAtATimeAsync(read);
        StateHasChanged();
    });

    private async Task OneAtATimeAsync(Func<Task> read)
    {
        await _reading.WaitAsync();
        try
        {
            await read();
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose()
    {
        Updates.Changed -= ChangedAsync;
        Presence.Reconnected -= CatchUpAsync;
    }
}
