using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using Marten;

namespace ActivityTracker.Activities;

/// <summary>The resource checks for an activity: its programme and its host or participating countries against the user's scope.</summary>
public static class ActivityAccess
{
    /// <summary>Whether the user may read the activity (<see cref="AccessScope.Covers"/>).</summary>
    public static bool MayAccess(this ClaimsPrincipal user, ActivityDetails activity) =>
        AccessScope.Of(user).Covers(activity.ProgrammeCode, activity.Location.CountryCode, activity.ParticipatingCountries);

    /// <summary>
    /// Whether the user may append <paramref name="written"/> to the activity: the write rule
    /// (<see cref="AccessScope.MayWrite"/>) holds for the activity as it is and as the events leave it,
    /// so a correction cannot move it to a programme or host country outside the writer's scope.
    /// </summary>
    public static bool MayWrite(this ClaimsPrincipal user, ActivityDetails? activity, IReadOnlyList<object> written) =>
        AccessScope.Of(user).MayWrite(activity, written);

    /// <summary>The same rule for a scope held apart from a request (an import's requester).</summary>
    public static bool MayWrite(this AccessScope scope, ActivityDetails? activity, IReadOnlyList<object> written) =>
        (activity is null || scope.MayWrite(activity))
        && (written.Count == 0 || ActivityDetails.After(activity, written) is not { } after || scope.MayWrite(after));

    static bool MayWrite(this AccessScope scope, ActivityDetails activity) =>
        scope.MayWrite(activity.ProgrammeCode, activity.Location.CountryCode, activity.ParticipatingCountries);

    /// <summary>
    /// The one way a command changes an existing activity, behind its endpoint and the activity page alike: the command's
    /// rules at the version the client read, and <paramref name="user"/>'s scope checked on the activity and on what the
    /// command writes (<see cref="MayWrite(ClaimsPrincipal, ActivityDetails?, IReadOnlyList{object})"/>). The caller's transaction commits.
    /// </summary>
    public static Task<CommandOutcome> ChangeActivityAsync(this IDocumentSession session, ClaimsPrincipal user, Guid id, long version,
        Func<ActivityDetails, Decision> decide, CancellationToken ct) =>
        session.ApplyAsync<ActivityDetails>(id, version, decide, user.MayWrite, ct);

    /// <summary>Roles that act on an activity's facts and review (for <c>[Authorize(Roles = ...)]</c>).</summary>
    public const string Officers = Roles.Officer;
    public const string Managers = Roles.Manager;
    public const string OfficersAndManagers = Roles.Officer + "," + Roles.Manager;
}
