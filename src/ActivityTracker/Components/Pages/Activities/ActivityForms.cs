using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Breakdowns;
using ActivityTracker.Indicators;
using ActivityTracker.Organisations;
using ActivityTracker.Programmes;
using ActivityTracker.Reference;
using Marten;

namespace ActivityTracker.Components.Pages.Activities;

// What the activity forms hold while the user types, as mutable rows the inputs bind to; each
// turns into the command input the rules check (ActivityInputs.cs), so the form shows the rules'
// messages under the same field names the API answers with.

/// <summary>The descriptive details: recorded with a new activity, corrected later with a reason.</summary>
public sealed class DetailsForm
{
    public string? Kind, Title, Description, Country, Admin1, Place, Programme, Sector;
    public string? Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
    public double? Latitude, Longitude;
    public List<string> ParticipatingCountries = [], Tags = [];

    public LocationInput Location => new(Country, Admin1, Place, Latitude, Longitude);

    public static DetailsForm Of(ActivityDetails a) => new()
    {
        Kind = a.Kind, Language = a.Language, Title = a.Title, Description = a.Description,
        Country = a.Location.CountryCode, Admin1 = a.Location.Admin1, Place = a.Location.Place,
        Latitude = a.Location.Latitude, Longitude = a.Location.Longitude,
        ParticipatingCountries = [.. a.ParticipatingCountries], Programme = a.ProgrammeCode, Sector = a.SectorCode, Tags = [.. a.Tags],
    };
}

/// <summary>The participants: a total, optionally broken down by sex and age band and by nationality.</summary>
public sealed class ParticipantsForm
{
    public int? Total, UnaccompaniedMinors;
    public bool TotalIsMinimum;
    public List<GroupRow> Groups = [];
    public List<NationalityRow> Nationalities = [];
    public List<PartRow> Parts = [];

    /// <summary>The report as it stands, to change a part of it: a new report replaces the whole, so what is not changed must be sent again.</summary>
    public static ParticipantsForm Of(ParticipantsReport? report) => report is null ? new() : new()
    {
        Total = report.Total, TotalIsMinimum = report.TotalIsMinimum, UnaccompaniedMinors = report.UnaccompaniedMinors,
        Groups = [.. report.Groups.Select(g => new GroupRow { Sex = g.Sex, Age = g.Age, Count = g.Count })],
        Nationalities = [.. report.Nationalities.Select(n => new NationalityRow { CountryCode = n.CountryCode, Count = n.Count })],
        Parts = PartRow.Of(report.Parts),
    };

    /// <summary>Null until something is entered; then even a breakdown without a total goes to the rules, which ask for the total.</summary>
    public ParticipantsInput? Input() =>
        Total is null && UnaccompaniedMinors is null && Groups.Count == 0 && Nationalities.Count == 0 && Parts.Count == 0 ? null
            : new ParticipantsInput(Total, TotalIsMinimum,
                Groups.Select(g => new ParticipantGroupInput(g.Sex, g.Age, g.Count)).ToList(),
                UnaccompaniedMinors,
                Nationalities.Select(n => new NationalityInput(n.CountryCode, n.Count)).ToList(),
                PartRow.Inputs(Parts));
}

/// <summary>A cell of the sex x age-band breakdown; an empty sex or age band means not known.</summary>
public sealed class GroupRow
{
    public Sex? Sex;
    public AgeBand? Age;
    public int? Count;
}

/// <summary>One of the separate days an activity was held on, and its place when it moved.</summary>
public sealed class SessionRow
{
    public DateTime? Day;
    public string? Place;

    public static List<SessionRow> Of(IEnumerable<Session> sessions) =>
        [.. sessions.Select(s => new SessionRow { Day = s.Day.ToDateTime(TimeOnly.MinValue), Place = s.Place })];

    public static List<SessionInput> Inputs(IEnumerable<SessionRow> rows) =>
        [.. rows.Select(r => new SessionInput(r.Day is { } d ? DateOnly.FromDateTime(d) : null, r.Place))];
}

/// <summary>A part of a whole along a defined breakdown dimension: 45 of them from the migration institute.</summary>
public sealed class PartRow
{
    public string? Dimension, Category;
    public decimal? Value;

    public static List<PartRow> Of(IEnumerable<Part> parts) =>
        [.. parts.Select(p => new PartRow { Dimension = p.Dimension, Category = p.Category, Value = p.Value })];

    public static List<PartInput> Inputs(IEnumerable<PartRow> rows) => [.. rows.Select(r => new PartInput(r.Dimension, r.Category, r.Value))];
}

public sealed class NationalityRow
{
    public string? CountryCode;
    public int? Count;
}

/// <summary>An indicator's value and its breakdown by the dimensions the indicator allows.</summary>
public sealed class OutcomeForm
{
    public decimal? Value;
    public bool ValueIsMinimum;
    /// <summary>A percentage's whole or an average's span (<see cref="OutcomeInput.Base"/>).</summary>
    public decimal? Base;
    public List<SplitRow> Breakdown = [];
    public List<PartRow> Parts = [];

    public bool Entered => Value is not null || Breakdown.Count > 0 || Parts.Count > 0;

    /// <summary>The value as it stands, to change a part of it: a new value replaces the whole, breakdown included.</summary>
    public static OutcomeForm Of(OutcomeValue? outcome) => outcome is null ? new() : new()
    {
        Value = outcome.Value,
        ValueIsMinimum = outcome.ValueIsMinimum,
        Base = outcome.Base,
        Breakdown = [.. outcome.Breakdown.Select(b => new SplitRow { Dimension = b.Dimension, Category = b.Category, Value = b.Value })],
        Parts = PartRow.Of(outcome.Parts),
    };

    public OutcomeInput Input(string indicatorCode) =>
        new(indicatorCode, Value, Breakdown.Select(s => new OutcomeSplitInput(s.Dimension, s.Category, s.Value)).ToList(), ValueIsMinimum, Base, PartRow.Inputs(Parts));
}

public sealed class SplitRow
{
    public Breakdown? Dimension;
    public string? Category;
    public decimal? Value;
}

public static class ActivityForms
{
    /// <summary>What the forms offer: the programmes the user may record for, every organisation, indicator, activity kind and breakdown dimension (short lists, read once).</summary>
    public static async Task<Catalog> CatalogAsync(IDocumentStore store, ReferenceData codes, AccessScope scope)
    {
        await using var session = store.QuerySession();
        var programmes = (await session.Query<ProgrammeDetails>().ToListAsync()).Where(p => scope.CoversProgramme(p.Code));
        var organisations = await session.Query<OrganisationDetails>().ToListAsync();
        var indicators = await session.Query<IndicatorDefinition>().ToListAsync();
        var dimensions = await session.Query<BreakdownDimension>().ToListAsync();
        return new Catalog(codes,
            programmes.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase),
            organisations.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase),
            indicators.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase),
            await KindList.LoadAsync(session, codes, default),
            dimensions.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The countries the user may record for, by name in the user's language.</summary>
    public static IReadOnlyList<Country> Countries(ReferenceData codes, AccessScope scope) =>
        codes.Countries.Values.Where(c => scope.AllCountries || scope.Countries.Contains(c.Alpha2))
            .OrderBy(c => Names.Country(codes, c.Alpha2)).ToList();

    /// <summary>The indicators an activity of <paramref name="kind"/> reports.</summary>
    public static IEnumerable<IndicatorDefinition> IndicatorsFor(Catalog catalog, string? kind) => kind is null ? []
        : catalog.Indicators.Values.Where(i => i.Kinds.Count == 0 || i.Kinds.Contains(kind)).OrderBy(i => i.Code);
}
