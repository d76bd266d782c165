using ActivityTracker.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Localization;

namespace ActivityTracker.Access;

/// <summary>
/// An API request its user's role does not allow is refused with a problem that says why, in the request's language: the
/// roles the endpoint needs and the ones the account has (a bare 403 left an officer proposing a partner guessing). Pages
/// still go to the access-denied page, and a request with no signed-in user is still challenged (401).
/// </summary>
public sealed class RoleRefusals(IStringLocalizer<AdminText> names) : IAuthorizationMiddlewareResultHandler
{
    readonly AuthorizationMiddlewareResultHandler _otherwise = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden || !context.Request.Path.StartsWithSegments("/api"))
        {
            await _otherwise.HandleAsync(next, context, policy, result);
            return;
        }
        var needed = result.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var held = Roles.All.Where(context.User.IsInRole).ToList();
        string Named(IReadOnlyList<string> roles) => roles.Count == 0 ? Messages.Text("Problem_NoRole") : string.Join(", ", roles.Select(r => names[$"Role_{r}"].Value));
        var detail = needed.Count > 0 ? Messages.Text("Problem_RoleRefusedDetail", Named(needed), Named(held)) : Messages.Text("Problem_RoleRefusedOther", Named(held));
        if (context.GetEndpoint()?.Metadata.GetMetadata<InsteadAttribute>() is { } instead)
            detail += " " + Messages.Text(instead.MessageKey);
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: Messages.Text("Problem_RoleRefused"), detail: detail)
            .ExecuteAsync(context);
    }
}
