using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Localization;
using Microsoft.AspNetCore.Identity;

namespace ActivityTracker.Users;

/// <summary>What an administrator can do to an account besides changing its access.</summary>
public enum AccountChange
{
    /// <summary>No sign-in until an administrator unlocks it.</summary>
    Lock,
    /// <summary>Ends a lock-out, an administrator's or one from wrong passwords.</summary>
    Unlock,
    /// <summary>The account is retired: no sign-in until re-enabled.</summary>
    Disable,
    Enable,
    /// <summary>Ends every session of the account; its password still signs in.</summary>
    SignOutEverywhere,
}

/// <summary>
/// Account changes by administrators, shared by the API and the admin page. Every change renews the
/// security stamp, so the account's cookies, bearer and refresh tokens stop working within
/// <see cref="Access.SessionOptions.RevalidationInterval"/> (refresh tokens at once), and is audited.
/// </summary>
public static class AccountChanges
{
    /// <returns>Why the change was refused, or null when it was made.</returns>
    public static async Task<string?> ApplyAsync(IServiceProvider services, AppUser user, AccountChange change, ClaimsPrincipal admin)
    {
        // An administrator who locks themselves out may leave nobody to undo it.
        if (change is AccountChange.Lock or AccountChange.Disable && user.UserName == admin.Identity?.Name)
            return Messages.Text("OwnAccountLocked");
        var users = services.GetRequiredService<UserManager<AppUser>>();
        switch (change)
        {
            case AccountChange.Lock:
                await users.SetLockoutEnabledAsync(user, true);
                await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
                break;
            case AccountChange.Unlock:
                await users.SetLockoutEndDateAsync(user, null);
                await users.ResetAccessFailedCountAsync(user);
                break;
            case AccountChange.Disable or AccountChange.Enable:
                user.Disabled = change == AccountChange.Disable;
                break;
        }
        // Saves the account too.
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Account {user.Email} not changed ({change}): {string.Join("; ", result.Errors.Select(e => e.Description))}");
        Audit(services, user, change.ToString(), admin);
        return null;
    }

    /// <summary>Logs an administrator's change to an account: which account, what, by whom and when.</summary>
    public static void Audit(IServiceProvider services, AppUser user, string change, ClaimsPrincipal admin) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger(AccessLog.Category)
            .LogWarning("Account {Account} changed ({Change}) by {Admin} at {At:o}", user.Email, change, admin.Identity?.Name, DateTimeOffset.UtcNow);
}
