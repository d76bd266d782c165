using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Breakdowns;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Kinds.Adding;
using ActivityTracker.Kinds.ChoosingIndicators;
using ActivityTracker.Kinds.Listing;
using ActivityTracker.Localization;
using ActivityTracker.Organisations;
using ActivityTracker.Organisations.Merging;
using ActivityTracker.Programmes;
using ActivityTracker.Reference;
using ActivityTracker.Users;
using Marten;
using Microsoft.AspNetCore.Identity;

namespace ActivityTracker.Components.Pages.Admin;

/// <summary>
/// What the administrators' pages read and change: accounts, programmes, organisations,
/// indicators, activity kinds and breakdown dimensions, through the same functions and rules as the admin API. The pages run the pure
/// rules as the administrator types; this runs them again against what is stored and commits.
/// </summary>
public interface IAdminRecords
{
    Task<IReadOnlyList<UserSummary>> UsersAsync(CancellationToken ct);

    Task<IReadOnlyList<ProgrammeDetails>> ProgrammesAsync(CancellationToken ct);

    Task<IReadOnlyList<OrganisationDetails>> OrganisationsAsync(CancellationToken ct);

    Task<IReadOnlyList<IndicatorDefinition>> IndicatorsAsync(CancellationToken ct);

    /// <summary>Every activity kind with the indicators that apply to it, in display order, as <c>GET /api/activity-kinds</c> answers.</summary>
    Task<IReadOnlyList<ActivityKindView>> KindsAsync(CancellationToken ct);

    /// <summary>Adds a kind as <c>POST /api/activity-kinds</c> does (the same handler); stale when the code is taken.</summary>
    Task<CommandOutcome> AddKindAsync(AddActivityKind command, ClaimsPrincipal user, CancellationToken ct);

    /// <summary>Says which indicators apply to a kind, at the version the page read, as <c>POST /api/activity-kinds/{code}/indicators</c> does.</summary>
    Task<CommandOutcome> ChooseKindIndicatorsAsync(Guid kindId, long version, ChooseKindIndicators command, ClaimsPrincipal user, CancellationToken ct);
    Task<IReadOnlyList<BreakdownDimension>> BreakdownsAsync(CancellationToken ct);

    /// <summary>Creates an account as <c>POST /api/users</c> does; the bad fields, none when it was created.</summary>
    Task<FieldErrors> CreateUserAsync(CreateUser command, CancellationToken ct);

    /// <summary>Replaces an account's roles and scope as <c>PUT /api/users/{id}/access</c> does; the bad fields, none when changed; null when there is no such account.</summary>
    Task<FieldErrors?> SetAccessAsync(string id, UserAccess access, ClaimsPrincipal admin, CancellationToken ct);

    /// <summary>Locks, unlocks, disables, enables or signs out an account as the API does; why it was refused, null when done.</summary>
    Task<string?> ChangeAccountAsync(string id, AccountChange change, ClaimsPrincipal admin, CancellationToken ct);

    /// <summary>Runs an accepted registration of a programme, organisation or indicator as its endpoint does; stale when the code is taken.</summary>
    Task<CommandOutcome> RegisterAsync<T>(Decision.Accepted registration, ClaimsPrincipal user, CancellationToken ct) where T : class;

    /// <summary>Runs a command on an existing stream at the version the page read; commits when accepted.</summary>
    Task<CommandOutcome> ApplyAsync<T>(Guid id, long version, Func<T, Decision> decide, ClaimsPrincipal user, CancellationToken ct) where T : class;

    /// <summary>Merges <paramref name="merged"/> (at the version the page read) into the survivor <paramref name="command"/> names: both streams in one transaction.</summary>
    Task<CommandOutcome> MergeAsync(OrganisationDetails merged, MergeOrganisation command, ClaimsPrincipal user, CancellationToken ct);
}

/// <summary>
/// <see cref="IAdminRecords"/> on the event store and Identity, one per circuit. Reads have a short Marten session; commands go
/// through Wolverine (<see cref="PageCommands"/>); account operations have a service scope of their own, so that every one gets
/// a fresh Identity DbContext instead of sharing the circuit's long-lived one.
/// </summary>
public sealed class AdminRecords(IDocumentStore store, PageCommands commands, IServiceScopeFactory scopes, ReferenceData codes) : IAdminRecords
{
    public async Task<IReadOnlyList<UserSummary>> UsersAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await UserSummary.AllAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), ct);
    }

    public async Task<IReadOnlyList<ProgrammeDetails>> ProgrammesAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<ProgrammeDetails>().OrderBy(p => p.Code).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<OrganisationDetails>> OrganisationsAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<OrganisationDetails>().OrderBy(o => o.Name).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<IndicatorDefinition>> IndicatorsAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<IndicatorDefinition>().OrderBy(i => i.Code).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ActivityKindView>> KindsAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await ActivityKindView.AllAsync(session, codes, ct);
    }

    public Task<CommandOutcome> AddKindAsync(AddActivityKind command, ClaimsPrincipal user, CancellationToken ct) =>
        commands.RunAsync(new PageCommand(user, ActivityKindDetails.IdFor(command.Code ?? ""),
            async (session, token) => (await command.AddAsync(session, codes, token)).Outcome), ct);

    public Task<CommandOutcome> ChooseKindIndicatorsAsync(Guid kindId, long version, ChooseKindIndicators command, ClaimsPrincipal user, CancellationToken ct) =>
        commands.RunAsync(new PageCommand(user, kindId, (session, token) => command.ApplyAsync(session, codes, kindId, version, token)), ct);

    public async Task<IReadOnlyList<BreakdownDimension>> BreakdownsAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<BreakdownDimension>().OrderBy(d => d.Code).ToListAsync(ct);
    }

    public async Task<FieldErrors> CreateUserAsync(CreateUser command, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (roles, programmes, countries) = command.Check(errors, await ProgrammeCodesAsync(ct), codes);
        if (!errors.IsEmpty)
            return errors;

        await using var scope = scopes.CreateAsyncScope();
        var email = command.Email!.Trim();
        if (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email) is not null)
            return errors.Add("email", CreateUser.EmailTaken);
        var created = await UserAccounts.CreateAsync(scope.ServiceProvider, email, command.Password!, roles, programmes, countries);
        foreach (var error in created.Errors)
            errors.Add("password", error.Description);
        return errors;
    }

    public async Task<FieldErrors?> SetAccessAsync(string id, UserAccess access, ClaimsPrincipal admin, CancellationToken ct)
    {
        var programmeCodes = await ProgrammeCodesAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(id) is not { } user)
            return null;
        var errors = new FieldErrors();
        var (roles, programmes, countries) = access.CheckChange(errors, user.UserName, admin, programmeCodes, codes);
        if (errors.IsEmpty)
        {
            await UserAccounts.SetAccessAsync(scope.ServiceProvider, user, roles, programmes, countries);
            AccountChanges.Audit(scope.ServiceProvider, user, "access", admin);
        }
        return errors;
    }

    public async Task<string?> ChangeAccountAsync(string id, AccountChange change, ClaimsPrincipal admin, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(id) is { } user
            ? await AccountChanges.ApplyAsync(scope.ServiceProvider, user, change, admin)
            : Messages.Text("Problem_NoSuchAccount");
    }

    public Task<CommandOutcome> RegisterAsync<T>(Decision.Accepted registration, ClaimsPrincipal user, CancellationToken ct) where T : class =>
        commands.RunAsync(new PageCommand(user, NamedStreams.Registered(registration).StreamId,
            (session, token) => session.RegisterAsync<T>(registration, token)), ct);

    public Task<CommandOutcome> ApplyAsync<T>(Guid id, long version, Func<T, Decision> decide, ClaimsPrincipal user, CancellationToken ct) where T : class =>
        commands.ApplyAsync(user, id, version, decide, StreamCommands.Everyone, ct);

    public Task<CommandOutcome> MergeAsync(OrganisationDetails merged, MergeOrganisation command, ClaimsPrincipal user, CancellationToken ct) =>
        commands.RunAsync(new PageCommand(user, merged.Id, async (session, token) =>
            await session.ApplyAsync(merged.Id, merged.Version, await command.DeciderAsync(session, merged.Id, token), StreamCommands.Everyone, token)), ct);

    async Task<IReadOnlySet<string>> ProgrammeCodesAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await UserAccess.ProgrammeCodesAsync(session, ct);
    }
}
