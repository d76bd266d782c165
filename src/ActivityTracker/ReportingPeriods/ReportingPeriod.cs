using ActivityTracker.Access;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;

namespace ActivityTracker.ReportingPeriods;

/// <summary>Reporting periods: their streams and who may close them. How a period is written is <see cref="PeriodSpelling"/>.</summary>
public static class ReportingPeriod
{
    /// <summary>The stream of a period; the same for any spelling of it.</summary>
    public static Guid IdFor(string period) => DeterministicId.For("period", period);

    /// <summary>Closing or reopening a period speaks for every programme and country, so it needs a user assigned all of them.</summary>
    public static bool MayCloseAndReopen(AccessScope scope) => scope.AllProgrammes && scope.AllCountries;

    /// <summary>403 for a manager whose scope leaves some programmes or countries out.</summary>
    public static IResult OutsideScope() => Results.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: Messages.Text("Problem_PeriodSpansAll"), detail: Messages.Text("Problem_PeriodSpansAllDetail"));
}
