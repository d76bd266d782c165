using System.Globalization;
using ActivityTracker.Access;
using ActivityTracker.Components.Map;
using ActivityTracker.Reference;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ActivityTracker.ComponentTests;

/// <summary>
/// A bUnit context with what the app's components need: MudBlazor, the UI texts, the code lists
/// and the region map, and (for the sign-in page) Identity's sign-in manager over a database it never opens. Disposed
/// asynchronously: MudBlazor's services refuse a synchronous dispose.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    /// <summary>The code lists of <c>seeds/reference</c>, as the app loads them.</summary>
    protected static ReferenceData Codes => CodeLists.Shipped;

    /// <summary>The region map the app draws.</summary>
    protected static RegionGeometry Region { get; } = RegionGeometry.Load(Codes);

    readonly CultureInfo _culture = CultureInfo.CurrentCulture, _uiCulture = CultureInfo.CurrentUICulture;

    /// <param name="configure">What a test class adds (its services, a signed-in user) before anything is rendered.</param>
    protected ComponentTest(Action<BunitContext>? configure = null)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton(Codes);
        Services.AddSingleton(Region);
        Services.AddDbContext<IdentityDb>(o => IdentityDb.Configure(o, "Host=unused.invalid"));
        Services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<IdentityDb>().AddSignInManager();
        Services.AddAuthentication();
        configure?.Invoke(this);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Renders in <paramref name="culture"/>, as the request localization middleware would set it; restored after the test.</summary>
    protected static void UseCulture(string culture) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

    /// <summary>The address the component sees, e.g. <c>/activities?page=2</c>.</summary>
    protected void NavigateTo(string relativeUri) => Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        await base.DisposeAsync();
    }
}
