using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ActivityTracker.Access;

/// <summary>
/// The demo accounts <c>deploy/run.sh</c> creates in Development, one per role and scope.
/// Their password is <c>ACTIVITYTRACKER_DEMO_PASSWORD</c> or <see cref="DefaultPassword"/>;
/// outside Development the app refuses to start while any of them exists.
/// </summary>
public static class DemoUsers
{
    public const string Domain = "@demo.local";
    public const string PasswordVariable = "ACTIVITYTRACKER_DEMO_PASSWORD";
    public const string DefaultPassword = "Demo-Pass-2026!";

    public sealed record Account(string Email, string Role, string[] Programmes, string[] Countries);

    public static readonly Account OfficerMexico = new("officer.mx" + Domain, Roles.Officer, [], ["MX"]);
    public static readonly Account OfficerGuatemala = new("officer.gt" + Domain, Roles.Officer, [], ["GT"]);
    public static readonly Account Manager = new("manager" + Domain, Roles.Manager, [ScopeClaims.All], []);
    public static readonly Account Admin = new("admin" + Domain, Roles.Admin, [], []);
    public static readonly IReadOnlyList<Account> All = [OfficerMexico, OfficerGuatemala, Manager, Admin];

    public static string Password => Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } p ? p : DefaultPassword;

    /// <returns>The accounts created (those already there are left as they are).</returns>
    public static async Task<IReadOnlyList<string>> EnsureAsync(IServiceProvider services, string password)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = new List<string>();
        foreach (var account in All)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
                continue;
            await UserAccounts.CreateAsync(scope.ServiceProvider, account.Email, password, [account.Role], account.Programmes, account.Countries);
            created.Add(account.Email);
        }
        return created;
    }

    public static async Task RefuseOutsideDevelopmentAsync(IServiceProvider services, CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 })
            throw new InvalidOperationException($"{PasswordVariable} is set outside Development: demo passwords are for development only. Unset it.");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var demo = await db.Users.Where(u => u.NormalizedEmail!.EndsWith(Domain.ToUpperInvariant())).Select(u => u.Email).ToListAsync(ct);
        if (demo.Count > 0)
            throw new InvalidOperationException($"Demo accounts exist outside Development ({string.Join(", ", demo)}): delete them before running in this environment.");
    }
}

/// <summary>Creating accounts and setting their roles and scope, shared by the admin endpoints, the demo accounts and the command line.</summary>
public static class UserAccounts
{
    public static async Task<IdentityResult> CreateAsync(IServiceProvider services, string email, string password,
        IEnumerable<string> roles, IEnumerable<string> programmes, IEnumerable<string> countries)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        return result.Succeeded ? await SetAccessAsync(services, user, roles, programmes, countries) : result;
    }

    public static async Task<IdentityResult> SetAccessAsync(IServiceProvider services, AppUser user,
        IEnumerable<string> roles, IEnumerable<string> programmes, IEnumerable<string> countries)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var roleStore = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roleStore.RoleExistsAsync(role))
                await roleStore.CreateAsync(new IdentityRole(role));

        var result = await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        if (result.Succeeded)
            result = await users.AddToRolesAsync(user, roles);
        var scope = (await users.GetClaimsAsync(user)).Where(c => c.Type is ScopeClaims.Programme or ScopeClaims.Country).ToList();
        if (result.Succeeded && scope.Count > 0)
            result = await users.RemoveClaimsAsync(user, scope);
        var claims = programmes.Select(p => new Claim(ScopeClaims.Programme, p)).Concat(countries.Select(c => new Claim(ScopeClaims.Country, c))).ToList();
        if (result.Succeeded && claims.Count > 0)
            result = await users.AddClaimsAsync(user, claims);
        // A new stamp: sessions signed in with the old access end at their next check (see Sessions).
        return result.Succeeded ? await users.UpdateSecurityStampAsync(user) : result;
    }
}
