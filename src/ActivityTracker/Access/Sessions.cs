using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ActivityTracker.Localization;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ActivityTracker.Access;

/// <summary>
/// How soon a session (bearer token, UI cookie, open UI circuit) notices that its account changed, bound from
/// <c>Sessions</c>. Each node checks on its own, so this is also the bound with several nodes.
/// </summary>
public sealed class SessionOptions
{
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Sessions follow the account: a change of roles or scope, a lock-out, disabling the account or
/// "sign out everywhere" renews its security stamp (see <see cref="UserAccounts"/>), and every session
/// is checked against the stored account at least once per <see cref="SessionOptions.RevalidationInterval"/>:
/// the cookie by Identity's security stamp validator, bearer tokens on authentication (the answer cached
/// per user and stamp for that long, so not every request reads the database), open circuits by
/// <see cref="CircuitRevalidation"/>. What counts as current is <see cref="AuditedSignInManager.ValidateSecurityStampAsync(AppUser, string)"/>.
/// </summary>
public static class Sessions
{
    public static WebApplicationBuilder AddSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SessionOptions>().BindConfiguration("Sessions");
        builder.Services.AddMemoryCache();
        builder.Services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SessionOptions>>((o, sessions) => o.ValidationInterval = sessions.Value.RevalidationInterval);
        builder.Services.AddScoped<AuthenticationStateProvider, CircuitRevalidation>();
        return builder;
    }

    /// <summary>
    /// Whether <paramref name="user"/> still stands for its account as stored. A principal without a
    /// security stamp did not come from a local account (OpenID Connect: its provider decides) and is not checked here.
    /// </summary>
    public static async Task<bool> IsCurrentAsync(SignInManager<AppUser> signIn, ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true || Stamp(signIn, user) is null || await signIn.ValidateSecurityStampAsync(user) is not null;

    /// <summary>The security stamp validator for the cookie, skipping principals that are not local accounts.</summary>
    public static Task ValidateCookieAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context) =>
        context.Principal is { } user && Stamp(context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>(), user) is not null
            ? SecurityStampValidator.ValidatePrincipalAsync(context)
            : Task.CompletedTask;

    /// <summary>After authentication: a session whose account changed goes on as anonymous (401 or the sign-in page).</summary>
    public static IApplicationBuilder UseSessionCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && !await IsCurrentCachedAsync(context))
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        await next(context);
    });

    static async Task<bool> IsCurrentCachedAsync(HttpContext context)
    {
        var signIn = context.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        if (Stamp(signIn, context.User) is not { } stamp)
            return true;
        var interval = context.RequestServices.GetRequiredService<IOptions<SessionOptions>>().Value.RevalidationInterval;
        var key = (typeof(Sessions), signIn.UserManager.GetUserId(context.User), stamp);
        return await context.RequestServices.GetRequiredService<IMemoryCache>().GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = interval;
            return IsCurrentAsync(signIn, context.User);
        });
    }

    static string? Stamp(SignInManager<AppUser> signIn, ClaimsPrincipal user) =>
        user.FindFirstValue(signIn.Options.ClaimsIdentity.SecurityStampClaimType);

    /// <summary>
    /// On <c>/api/auth/refresh</c>: a refresh token is exchanged once. Its hash is stored (until the token
    /// expires) before Identity mints new tokens; a token already stored, by this node or another, is refused.
    /// </summary>
    public static async ValueTask<object?> SpendRefreshTokenAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<RefreshRequest>().FirstOrDefault() is { RefreshToken: { } token })
        {
            var services = context.HttpContext.RequestServices;
            var protector = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            // Tokens that do not open are refused by Identity itself; only real ones are worth a row.
            if (protector.Unprotect(token)?.Properties.ExpiresUtc is { } expires
                && !await SpendAsync(services.GetRequiredService<IdentityDb>(), token, expires, context.HttpContext.RequestAborted))
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: Messages.Text("Problem_RefreshTokenSpent"));
        }
        return await next(context);
    }

    /// <summary>Records the token as spent; false when it already was.</summary>
    static async Task<bool> SpendAsync(IdentityDb db, string token, DateTimeOffset expires, CancellationToken ct)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = DateTimeOffset.UtcNow;
        await db.SpentRefreshTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(ct);
        return await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO identity.spent_refresh_tokens (hash, expires_at) VALUES ({hash}, {expires.ToUniversalTime()}) ON CONFLICT DO NOTHING", ct) == 1;
    }
}

/// <summary>An open UI circuit re-checks its user every <see cref="SessionOptions.RevalidationInterval"/>; one whose account changed is signed out of the page.</summary>
public sealed class CircuitRevalidation(ILoggerFactory logs, IServiceScopeFactory scopes, IOptions<SessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        // A scope of its own: the circuit's services outlive any one check.
        await using var scope = scopes.CreateAsyncScope();
        return await Sessions.IsCurrentAsync(scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>(), state.User);
    }
}
