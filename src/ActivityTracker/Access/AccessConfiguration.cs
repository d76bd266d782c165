using ActivityTracker.Cluster;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ActivityTracker.Access;

/// <summary>
/// Sign-in and authorization: ASP.NET Core Identity local accounts (cookie for the UI,
/// bearer tokens for API clients under <c>/api/auth</c>), optional OpenID Connect, and deny
/// by default: every endpoint needs a signed-in user unless it says otherwise.
/// </summary>
public static class AccessConfiguration
{
    /// <summary>The rate limit on sign-in attempts per client address (the API's and the sign-in page's; see Hosting/Hardening.cs).</summary>
    public const string SignInPolicy = "sign-in";
    public const string OidcScheme = "oidc";
    const string PageOrApiScheme = "PageOrApi";

    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        // First, so Identity's tables (and the key ring's) exist before Data Protection's own start-up reads them.
        builder.Services.AddHostedService<AccessStartup>();
        builder.Services.AddDbContext<IdentityDb>((sp, o) => IdentityDb.Configure(o, sp.GetRequiredService<IConfiguration>().PostgresConnectionString()));
        builder.Services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IdentityDb>()
            .AddSignInManager<AuditedSignInManager>();

        // A request with an Authorization header is a bearer-token client; anything else uses the
        // cookie, whose challenge is a 401 for /api and the sign-in page for pages (see below).
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = PageOrApiScheme;
                o.DefaultChallengeScheme = PageOrApiScheme;
            })
            .AddPolicyScheme(PageOrApiScheme, "Bearer token or cookie", o => o.ForwardDefaultSelector = c =>
                UsesBearer(c.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme);
        builder.AddSessions();

        // APIs answer 401/403; only browser pages are sent to a sign-in page.
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ActivityTracker.Auth";
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Events.OnRedirectToLogin = c => Answer(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Answer(c, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = Sessions.ValidateCookieAsync;
        });
        // One key ring in the database: a token issued by one node is valid on every node.
        builder.Services.AddDataProtection().SetApplicationName("ActivityTracker").PersistKeysToDbContext<IdentityDb>();

        var oidc = builder.Configuration.GetSection("Authentication:Oidc").Get<OidcOptions>() ?? new OidcOptions();
        if (!string.IsNullOrWhiteSpace(oidc.Authority))
            builder.Services.AddAuthentication().AddOpenIdConnect(OidcScheme, o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.MapInboundClaims = false;
                o.SignInScheme = IdentityConstants.ApplicationScheme;
                o.Scope.Add("email");
                o.Events.OnTokenValidated = c =>
                {
                    c.Principal = OidcClaims.Map(c.Principal!, oidc);
                    return Task.CompletedTask;
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, RoleRefusals>();
        return builder;
    }

    /// <summary>Whether the request is authenticated by a bearer token rather than the cookie.</summary>
    public static bool UsesBearer(HttpRequest request) => request.Headers.Authorization.Count > 0;

    static Task Answer(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication MapAccess(this WebApplication app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in").RequireRateLimiting(SignInPolicy);
        var identityApi = auth.MapIdentityApi<AppUser>();
        // A refresh token is good once (see Sessions).
        identityApi.AddEndpointFilter(Sessions.SpendRefreshTokenAsync);
        identityApi.Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder { RoutePattern.RawText: { } route })
                return;
            // Accounts are created by administrators, never by self-registration.
            if (route.EndsWith("/register", StringComparison.Ordinal))
            {
                endpoint.RequestDelegate = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                };
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute());
            }
            // Signing in happens before there is a user: these are exempt from the deny-by-default policy.
            else if (!route.Contains("/manage", StringComparison.Ordinal))
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
        });
        if (!string.IsNullOrWhiteSpace(app.Configuration["Authentication:Oidc:Authority"]))
            auth.MapGet("/oidc/login", (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = ReturnPath.LocalOrHome(returnUrl) }, [OidcScheme]))
                .AllowAnonymous();
        return app;
    }

    // One migration at a time in a process: EF builds the model it compares with the migrations once per process (its
    // internal services are shared by every host with the same options), and two hosts of one process starting at once
    // (the browser tests' fixtures) raced on it: "The model must be finalized ... before 'GetRelationalModel'".
    static readonly SemaphoreSlim Migrating = new(1, 1);

    /// <summary>Creates or updates Identity's tables (EF Core migrations, safe with concurrent nodes).</summary>
    public static async Task MigrateIdentityAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        await Migrating.WaitAsync(ct);
        try
        {
            // The history table first: on a new database EF reads it before creating it and logs the failed query as an
            // error (dotnet/efcore#35690), although the migration then succeeds.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            Migrating.Release();
        }
    }
}

/// <summary>At start-up: migrate Identity's schema, and outside Development refuse to run with demo accounts.</summary>
public sealed class AccessStartup(IServiceProvider services, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await services.MigrateIdentityAsync(ct);
        if (!environment.IsDevelopment())
            await DemoUsers.RefuseOutsideDevelopmentAsync(services, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
