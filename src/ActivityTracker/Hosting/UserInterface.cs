using ActivityTracker.Access;
using ActivityTracker.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using MudBlazor.Services;

namespace ActivityTracker.Hosting;

/// <summary>The browser UI: Blazor (server interactivity) with MudBlazor, in English and Spanish.</summary>
public static class UserInterface
{
    public static readonly string[] Cultures = ["en", "es"];

    public static WebApplicationBuilder AddUserInterface(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices();
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Open dashboards re-render when the projection moves on.
        builder.Services.AddSingleton<Dashboards.DashboardUpdates>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Dashboards.DashboardUpdates>());
        builder.Services.AddSingleton<Components.Pages.Admin.IAdminRecords, Components.Pages.Admin.AdminRecords>();
        // The region map, projected once.
        builder.Services.AddSingleton(sp => Components.Map.RegionGeometry.Load(sp.GetRequiredService<Reference.ReferenceData>()));
        return builder;
    }

    public static WebApplication MapUserInterface(this WebApplication app)
    {
        // The culture cookie first, then the browser's languages; English when neither is known.
        app.UseRequestLocalization(o => o.SetDefaultCulture("en").AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures));
        app.MapStaticAssets().AllowAnonymous();

        app.MapGet("/culture", (string culture, string? redirect, HttpContext context) =>
        {
            if (Cultures.Contains(culture))
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(redirect is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//") ? r : "/");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).ExcludeFromDescription();

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
