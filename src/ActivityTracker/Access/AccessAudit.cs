using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ActivityTracker.Access;

/// <summary>
/// Identity's sign-in, plus: every failed sign-in is logged (who tried, why it failed, from where); a disabled
/// account cannot sign in; a session (cookie, bearer or refresh token) is current only while its security stamp
/// matches and the account is neither locked out nor disabled.
/// </summary>
public sealed class AuditedSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<AppUser>> logger,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    ILogger<AuditedSignInManager> audit)
    : SignInManager<AppUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure);
        if (!result.Succeeded && !result.RequiresTwoFactor)
            audit.LogWarning("Sign-in failed for {UserName} from {RemoteIp} at {At:o}: {Outcome}", userName,
                Context.Connection.RemoteIpAddress, DateTimeOffset.UtcNow, result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong email or password");
        return result;
    }

    public override async Task<bool> CanSignInAsync(AppUser user) => !user.Disabled && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(AppUser? user, string? securityStamp) =>
        await base.ValidateSecurityStampAsync(user, securityStamp) && !user!.Disabled && !await UserManager.IsLockedOutAsync(user);
}

/// <summary>
/// Logs every refused request, whether the authorization middleware refused it (401, 403
/// for a role) or an endpoint did (403 outside the user's scope): who, what and when.
/// </summary>
public static class AccessLog
{
    public const string Category = "ActivityTracker.Access";

    public static IApplicationBuilder UseDeniedRequestLog(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category)
                .LogWarning("Denied {Method} {Path} ({Status}) for {User} at {At:o}", context.Request.Method, context.Request.Path,
                    context.Response.StatusCode, context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : "anonymous", DateTimeOffset.UtcNow);
    });
}
