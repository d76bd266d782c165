using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using ActivityTracker.Programmes;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wolverine.Http;

namespace ActivityTracker.Users;

/// <summary>An account as administrators see it.</summary>
public sealed record UserSummary(string Id, string Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Programmes, IReadOnlyList<string> Countries, bool LockedOut, bool Disabled = false)
{
    /// <summary>Every account with its roles and scope, by email.</summary>
    public static async Task<IReadOnlyList<UserSummary>> AllAsync(UserManager<AppUser> users, CancellationToken ct)
    {
        var all = await EntityFrameworkQueryableExtensions.ToListAsync(users.Users.OrderBy(u => u.Email), ct);
        var result = new List<UserSummary>();
        foreach (var user in all)
            result.Add(await OfAsync(users, user));
        return result;
    }

    public static async Task<UserSummary> OfAsync(UserManager<AppUser> users, AppUser user)
    {
        var claims = await users.GetClaimsAsync(user);
        return new UserSummary(user.Id, user.Email ?? "", [.. await users.GetRolesAsync(user)],
            [.. claims.Where(c => c.Type == ScopeClaims.Programme).Select(c => c.Value)],
            [.. claims.Where(c => c.Type == ScopeClaims.Country).Select(c => c.Value)],
            await users.IsLockedOutAsync(user), user.Disabled);
    }
}

/// <summary>Roles and scope of an account. Programmes and countries are codes, or <c>*</c> for all.</summary>
public sealed record UserAccess(IReadOnlyList<string?>? Roles, IReadOnlyList<string?>? Programmes, IReadOnlyList<string?>? Countries)
{
    /// <summary>The most codes each of roles, programmes and countries may list (FieldRules.LimitCount): every ISO country once is fewer.</summary>
    public const int CodesMax = 250;

    /// <summary>Known roles, registered programmes and ISO countries only; the result is in canonical spelling.</summary>
    public (IReadOnlyList<string> Roles, IReadOnlyList<string> Programmes, IReadOnlyList<string> Countries) Check(
        FieldErrors errors, IReadOnlySet<string> programmes, ReferenceData codes)
    {
        var roles = Canonical(errors, "roles", Roles, r => Access.Roles.All.FirstOrDefault(k => k.Equals(r, StringComparison.OrdinalIgnoreCase)),
            r => Messages.Text("NotARole", r, string.Join(", ", Access.Roles.All)));
        errors.When(roles.Count == 0 && errors.IsEmpty, "roles", Messages.Text("RolesRequired"));
        var programmeCodes = Canonical(errors, "programmes", Programmes, p => p == ScopeClaims.All ? p : programmes.FirstOrDefault(k => k.Equals(p, StringComparison.OrdinalIgnoreCase)),
            p => Messages.Text("NotAProgrammeOrAll", p));
        var countryCodes = Canonical(errors, "countries", Countries, c => c == ScopeClaims.All ? c : codes.Countries.GetValueOrDefault(c)?.Alpha2,
            c => Messages.Text("NotACountryOrAll", c));
        return (roles, programmeCodes, countryCodes);
    }

    /// <summary><see cref="Check"/> for a change to the account signed in as <paramref name="accountName"/> made by <paramref name="admin"/>, who cannot take the admin role from themselves.</summary>
    public (IReadOnlyList<string> Roles, IReadOnlyList<string> Programmes, IReadOnlyList<string> Countries) CheckChange(
        FieldErrors errors, string? accountName, ClaimsPrincipal admin, IReadOnlySet<string> programmes, ReferenceData codes)
    {
        var access = Check(errors, programmes, codes);
        errors.When(accountName == admin.Identity?.Name && !access.Roles.Contains(Access.Roles.Admin), "roles", Messages.Text("OwnAdminRole"));
        return access;
    }

    /// <summary>The registered programme codes, which <see cref="Check"/> accepts.</summary>
    public static async Task<IReadOnlySet<string>> ProgrammeCodesAsync(IQuerySession session, CancellationToken ct) =>
        (await QueryableExtensions.ToListAsync(session.Query<ProgrammeDetails>().Select(p => p.Code), ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    static List<string> Canonical(FieldErrors errors, string field, IReadOnlyList<string?>? values, Func<string, string?> known, Func<string, string> unknown)
    {
        var result = new List<string>();
        if (!errors.LimitCount(field, values, CodesMax))
            return result;
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i]?.Trim() ?? "";
            if (known(value) is { } code)
            {
                if (!result.Contains(code))
                    result.Add(code);
            }
            else
                errors.Add($"{field}[{i}]", unknown(value));
        }
        return result;
    }
}

/// <summary>A new local account; its password must meet Identity's rules (10+ characters, mixed case, a digit, a symbol).</summary>
public sealed record CreateUser(string? Email, string? Password, IReadOnlyList<string?>? Roles, IReadOnlyList<string?>? Programmes, IReadOnlyList<string?>? Countries)
{
    public static string EmailTaken => Messages.Text("EmailTaken");

    /// <summary>The rules before Identity's own (password strength, a taken email); the access in canonical spelling.</summary>
    public (IReadOnlyList<string> Roles, IReadOnlyList<string> Programmes, IReadOnlyList<string> Countries) Check(
        FieldErrors errors, IReadOnlySet<string> programmes, ReferenceData codes)
    {
        errors.RequireText("email", Email, 254, Messages.Text("What_EmailAddress"));
        errors.When(Email is { } email && !email.Contains('@'), "email", Messages.Text("NotAnEmail"));
        errors.When(string.IsNullOrEmpty(Password), "password", Messages.Text("PasswordRequired"));
        return new UserAccess(Roles, Programmes, Countries).Check(errors, programmes, codes);
    }
}

/// <summary>Administrators manage accounts, their roles and their scope.</summary>
[Authorize(Roles = Roles.Admin)]
public static class UserEndpoints
{
    /// <summary>Every account with its roles and scope.</summary>
    [WolverineGet("/api/users", Name = "ListUsers"), Tags("Users")]
    public static Task<IReadOnlyList<UserSummary>> List(HttpContext http, CancellationToken ct) => UserSummary.AllAsync(Users(http), ct);

    /// <summary>Creates an account with its roles and scope.</summary>
    [WolverinePost("/api/users", Name = "CreateUser"), Tags("Users")]
    [ProducesResponseType<UserSummary>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Create(CreateUser command, HttpContext http, IQuerySession session, ReferenceData codes, CancellationToken ct)
    {
        var users = Users(http);
        var errors = new FieldErrors();
        var (roles, programmes, countries) = command.Check(errors, await UserAccess.ProgrammeCodesAsync(session, ct), codes);
        if (errors.IsEmpty && await users.FindByEmailAsync(command.Email!.Trim()) is not null)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: CreateUser.EmailTaken);
        if (!errors.IsEmpty)
            return Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Messages.Text("Problem_AccountNotCreated"));

        var created = await UserAccounts.CreateAsync(http.RequestServices, command.Email!.Trim(), command.Password!, roles, programmes, countries);
        if (!created.Succeeded)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["password"] = created.Errors.Select(e => e.Description).ToArray() },
                FieldErrors.Detail, title: Messages.Text("Problem_AccountNotCreated"));
        var user = (await users.FindByEmailAsync(command.Email.Trim()))!;
        return Results.Created($"/api/users/{user.Id}", await UserSummary.OfAsync(users, user));
    }

    /// <summary>Replaces an account's roles and scope.</summary>
    [WolverinePut("/api/users/{id}/access", Name = "SetUserAccess"), Tags("Users")]
    [ProducesResponseType<UserSummary>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> SetAccess(string id, UserAccess command, HttpContext http, IQuerySession session, ReferenceData codes, ClaimsPrincipal admin, CancellationToken ct)
    {
        var users = Users(http);
        if (await users.FindByIdAsync(id) is not { } user)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.Text("Problem_NoSuchAccount"));
        var errors = new FieldErrors();
        var (roles, programmes, countries) = command.CheckChange(errors, user.UserName, admin, await UserAccess.ProgrammeCodesAsync(session, ct), codes);
        if (!errors.IsEmpty)
            return Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Messages.Text("Problem_AccessNotChanged"));
        await UserAccounts.SetAccessAsync(http.RequestServices, user, roles, programmes, countries);
        AccountChanges.Audit(http.RequestServices, user, "access", admin);
        return Results.Ok(await UserSummary.OfAsync(users, user));
    }

    /// <summary>Locks an account until an administrator unlocks it; its sessions end within a minute. 409 for one's own account.</summary>
    [WolverinePost("/api/users/{id}/lock", Name = "LockUser"), Tags("Users")]
    [ProducesResponseType<UserSummary>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static Task<IResult> Lock(string id, HttpContext http, ClaimsPrincipal admin) => ChangeAsync(id, AccountChange.Lock, http, admin);

    /// <summary>Ends an account's lock-out (an administrator's or one from wrong passwords).</summary>
    [WolverinePost("/api/users/{id}/unlock", Name = "UnlockUser"), Tags("Users")]
    [ProducesResponseType<UserSummary>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static Task<IResult> Unlock(string id, HttpContext http, ClaimsPrincipal admin) => ChangeAsync(id, AccountChange.Unlock, http, admin);

    /// <summary>Disables an account: no sign-in until re-enabled; its sessions end within a minute. 409 for one's own account.</summary>
    [WolverinePost("/api/users/{id}/disable", Name = "DisableUser"), Tags("Users")]
    [ProducesResponseType<UserSummary>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static Task<IResult> Disable(string id, HttpContext http, ClaimsPrincipal admin) => ChangeAsync(id, AccountChange.Disable, http, admin);

    /// <summary>Re-enables a disabled account.</summary>
    [WolverinePost("/api/users/{id}/enable", Name = "EnableUser"), Tags("Users")]
    [ProducesResponseType<UserSummary>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static Task<IResult> Enable(string id, HttpContext http, ClaimsPrincipal admin) => ChangeAsync(id, AccountChange.Enable, http, admin);

    /// <summary>Ends every session of an account (cookies and bearer tokens within a minute, refresh tokens at once).</summary>
    [WolverinePost("/api/users/{id}/sign-out", Name = "SignOutUserEverywhere"), Tags("Users")]
    [ProducesResponseType<UserSummary>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static Task<IResult> SignOutEverywhere(string id, HttpContext http, ClaimsPrincipal admin) => ChangeAsync(id, AccountChange.SignOutEverywhere, http, admin);

    static async Task<IResult> ChangeAsync(string id, AccountChange change, HttpContext http, ClaimsPrincipal admin)
    {
        var users = Users(http);
        if (await users.FindByIdAsync(id) is not { } user)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.Text("Problem_NoSuchAccount"));
        if (await AccountChanges.ApplyAsync(http.RequestServices, user, change, admin) is { } refusal)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: refusal);
        return Results.Ok(await UserSummary.OfAsync(users, user));
    }

    // Identity's managers come from the request's own services: Wolverine's code generation cannot
    // build them, and they must share the request's DbContext with UserAccounts.
    static UserManager<AppUser> Users(HttpContext http) => http.RequestServices.GetRequiredService<UserManager<AppUser>>();

}
