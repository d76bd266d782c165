using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace ActivityTracker.Access;

/// <summary>
/// The UI language a user chose, kept on their account (claim <c>language</c>) so it follows
/// them to another browser; the culture cookie carries it within one browser.
/// </summary>
public static class PreferredLanguage
{
    public const string ClaimType = "language";

    public static async Task RememberAsync(UserManager<AppUser> users, ClaimsPrincipal principal, string culture)
    {
        if (principal.Identity?.Name is not { } name || await users.FindByNameAsync(name) is not { } user)
            return;
        var claims = await users.GetClaimsAsync(user);
        if (claims.FirstOrDefault(c => c.Type == ClaimType) is { } old)
            await users.ReplaceClaimAsync(user, old, new Claim(ClaimType, culture));
        else
            await users.AddClaimAsync(user, new Claim(ClaimType, culture));
    }

    /// <summary>Sets the culture cookie to the language saved on the account, if any.</summary>
    public static async Task RestoreAsync(UserManager<AppUser> users, string userName, HttpResponse response)
    {
        if (await users.FindByNameAsync(userName) is not { } user
            || (await users.GetClaimsAsync(user)).FirstOrDefault(c => c.Type == ClaimType)?.Value is not { } culture)
            return;
        SetCookie(response, culture);
    }

    public static void SetCookie(HttpResponse response, string culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
}
