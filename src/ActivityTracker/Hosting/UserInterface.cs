using ActivityTracker.Access;
using ActivityTracker.Components;
using ActivityTracker.Projections;
using Microsoft.AspNetCore.Identity;
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
        builder.Services.AddLocalization();
        // Open dashboards re-render when the projection changes a cell they show, and not while their browser is away.
        builder.Services.AddSingleton<Dashboards.DashboardUpdates>();
        builder.Services.AddScoped<Components.Dashboards.CircuitPresence>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<Components.Dashboards.CircuitPresence>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Dashboards.DashboardUpdates>());
        builder.Services.AddScoped<Commands.PageCommands>();
        builder.Services.AddScoped<Components.Pages.Admin.IAdminRecords, Components.Pages.Admin.AdminRecords>();
        builder.Services.AddSingleton<IProjectionAdmin, ProjectionAdmin>();
        // The region map, projected once.
        builder.Services.AddSingleton(sp => Components.Map.RegionGeometry.Load(sp.GetRequiredService<Reference.ReferenceData>()));
        return builder;
    }

    /// <summary>
    /// The request's language: the culture cookie first, then the browser's languages; English when
    /// neither is known. First in the pipeline, so answers given before the endpoint (413, 429) speak it too.
    /// </summary>
    public static WebApplication UseCultures(this WebApplication app)
    {
        app.UseRequestLocalization(o => o.SetDefaultCulture("en").AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures));
        return app;
    }

    public static WebApplication MapUserInterface(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();

        app.MapGet("/culture", async (string culture, string? redirect, HttpContext context, UserManager<AppUser> users) =>
        {
            if (Cultures.Contains(culture))
            {
                PreferredLanguage.SetCookie(context.Response, culture);
                // Signed in: the account remembers it too, for the next sign-in on another browser.
                await PreferredLanguage.RememberAsync(users, context.User, culture);
            }
            return Results.LocalRedirect(ReturnPath.LocalOrHome(redirect));
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).ExcludeFromDescription();

        // Hardening sends the one Content-Security-Policy (with frame-ancestors 'none'); Blazor would add a second.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
