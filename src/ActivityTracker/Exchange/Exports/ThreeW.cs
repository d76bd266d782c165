using System.Globalization;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Microsoft.Extensions.Localization;

namespace ActivityTracker.Exchange.Exports;

/// <summary>
/// The 3W ("who does what where") sheet in HXL: a header row for people, then the HXL hashtag row
/// tools read, then one row per activity and implementing partner (an activity with no implementing
/// partner gets one row with the organisation left empty). Decisions, each because a 3W is summed by
/// its readers:
/// <list type="bullet">
/// <item><c>#reached +ind</c> is the participants total on every row of an activity; its <c>+f</c>/<c>+m</c> and
/// <c>+children</c>/<c>+adults</c>/<c>+elderly</c> come from the participant groups, and are left empty when
/// the breakdown does not say (empty means unknown; 0 would claim nobody).</item>
/// <item><c>#reached +ind +at_least</c> is <c>true</c> when the total is a floor ("more than 60"): the number stays a
/// number a reader can sum, and HXL has no standard attribute for a minimum, so the mark is a column of its own.</item>
/// <item><c>#country +code +v_iso3</c> is the host country's ISO alpha-3; a regional activity with no single host
/// leaves it empty rather than repeat its reach under each participating country.</item>
/// <item><c>#activity</c> is the kind's name, <c>#activity +name</c> the title; <c>#sector</c> the DAC sector's name
/// and <c>#sector +code</c> its 5-digit code; dates are the actual ones, else the planned ones.</item>
/// </list>
/// </summary>
public static class ThreeW
{
    public static readonly IReadOnlyList<string> Hashtags =
    [
        "#org +impl", "#sector", "#sector +code", "#activity", "#activity +name", "#country +code +v_iso3", "#adm1 +name",
        "#date +start", "#date +end", "#reached +ind", "#reached +ind +f", "#reached +ind +m",
        "#reached +ind +children", "#reached +ind +adults", "#reached +ind +elderly", "#reached +ind +at_least",
    ];

    /// <summary>The human header, in the request's language, one per hashtag.</summary>
    public static IReadOnlyList<string> Header(IStringLocalizer<ExchangeText> text) =>
    [
        text["ThreeW_Organisation"], text["ThreeW_Sector"], text["ThreeW_SectorCode"], text["ThreeW_Activity"], text["ThreeW_Title"],
        text["ThreeW_Country"], text["ThreeW_Admin1"], text["ThreeW_Start"], text["ThreeW_End"], text["ThreeW_Reached"],
        text["ThreeW_Female"], text["ThreeW_Male"], text["ThreeW_Children"], text["ThreeW_Adults"], text["ThreeW_Elderly"], text["ThreeW_AtLeast"],
    ];

    public static IEnumerable<string?[]> Rows(ActivityDetails a, ExportRegisters registers)
    {
        var implementers = a.Partners.Where(p => p.Role == OrganisationRole.Implementing)
            .Select(p => registers.Organisation(p.OrganisationCode)?.Name ?? p.OrganisationCode)
            .Distinct()
            .DefaultIfEmpty(null);
        var sector = registers.Codes.Sectors.GetValueOrDefault(a.SectorCode);
        var country = a.Location.CountryCode is { } code ? registers.Codes.Countries.GetValueOrDefault(code)?.Alpha3 : null;
        var groups = a.Participants?.Groups ?? [];
        string?[] Row(string? organisation) =>
        [
            organisation, sector is null ? a.SectorCode : Names.Of(sector), a.SectorCode,
            Names.Kind(registers.Codes, a.Kind), a.Title, country, a.Location.Admin1,
            Date(a.ActualStart ?? a.PlannedStart), Date(a.ActualEnd ?? a.PlannedEnd), Count(a.Participants?.Total),
            Count(Part(a.Participants, groups.Select(g => (g.Sex, g.Count)), Sex.Female)),
            Count(Part(a.Participants, groups.Select(g => (g.Sex, g.Count)), Sex.Male)),
            Count(Part(a.Participants, groups.Select(g => (g.Age, g.Count)), AgeBand.Children)),
            Count(Part(a.Participants, groups.Select(g => (g.Age, g.Count)), AgeBand.Adults)),
            Count(Part(a.Participants, groups.Select(g => (g.Age, g.Count)), AgeBand.Elderly)),
            a.Participants is { TotalIsMinimum: true } ? "true" : null,
        ];
        return implementers.Select(Row);
    }

    /// <summary>
    /// The people of one sex or age band: the groups that say so, summed. When no group names it, it is 0 only if
    /// the groups that do give that dimension account for the whole total; otherwise unknown (null).
    /// </summary>
    static long? Part<T>(ParticipantsReport? report, IEnumerable<(T? Value, int Count)> groups, T wanted) where T : struct, Enum
    {
        if (report is null)
            return null;
        var known = groups.Where(g => g.Value is not null).ToList();
        var matching = known.Where(g => g.Value!.Value.Equals(wanted)).ToList();
        if (matching.Count > 0)
            return matching.Sum(g => (long)g.Count);
        return known.Count > 0 && !report.TotalIsMinimum && known.Sum(g => (long)g.Count) == report.Total ? 0 : null;
    }

    static string? Count(long? value) => value?.ToString(CultureInfo.InvariantCulture);
    static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
