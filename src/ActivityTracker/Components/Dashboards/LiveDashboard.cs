using ActivityTracker.Access;
using ActivityTracker.Dashboards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace ActivityTracker.Components.Dashboards;

/// <summary>
/// A dashboard page that reads its figures when its parameters are set and again whenever the
/// Dashboards projection moves on (<see cref="DashboardUpdates.Changed"/>), re-rendering without a
/// reload, like the dashboard home; it stops listening when the page goes away.
/// </summary>
public abstract class LiveDashboard : ComponentBase, IDisposable
{
    [Inject] private DashboardUpdates Updates { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>The signed-in user's programmes and countries.</summary>
    protected async Task<AccessScope> ScopeAsync() => AccessScope.Of((await Authentication).User);

    /// <summary>Reads the page's figures (the same selection and <see cref="Figures.Of"/> as the dashboard API).</summary>
    protected abstract Task LoadAsync();

    protected override Task OnParametersSetAsync() => LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
            Updates.Changed += RefreshAsync;
    }

    // New events were projected: read the figures again and re-render, without a reload.
    private Task RefreshAsync() => InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    public void Dispose() => Updates.Changed -= RefreshAsync;
}
