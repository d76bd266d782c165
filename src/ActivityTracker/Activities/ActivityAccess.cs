using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;

namespace ActivityTracker.Activities;

/// <summary>The resource check for an activity: its programme and its host or participating countries against the user's scope.</summary>
public static class ActivityAccess
{
    public static bool MayAccess(this ClaimsPrincipal user, ActivityDetails activity) =>
        AccessScope.Of(user).Covers(activity.ProgrammeCode, activity.Location.CountryCode, activity.ParticipatingCountries);

    /// <summary>Roles that act on an activity's facts and review (for <c>[Authorize(Roles = ...)]</c>).</summary>
    public const string Officers = Roles.Officer;
    public const string Managers = Roles.Manager;
    public const string OfficersAndManagers = Roles.Officer + "," + Roles.Manager;
}
