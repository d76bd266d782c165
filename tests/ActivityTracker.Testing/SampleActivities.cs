using ActivityTracker.Activities;
using ActivityTracker.Activities.Recording;

namespace ActivityTracker.Testing;

/// <summary>
/// Valid <see cref="RecordActivity"/> commands as officers send them: a held activity of the
/// MESO-CARIB programme with participants by sex and age band, an outcome of an indicator of its
/// kind and a partner. Each number gives another title, kind, country and figures, so the load
/// is not one payload repeated (a third are in Mexico, so MX's dashboard has many members).
/// </summary>
public static class SampleActivities
{
    static readonly (string Kind, string Indicator, string Sector, string Theme, string Title)[] Kinds =
    [
        ("job-fair", "jobfair-hired", "16020", "labour-migration", "Municipal job fair for people in migration contexts"),
        ("training", "people-trained", "15190", "migration-governance", "Training of border officials on migrants' rights"),
        ("survey", "people-interviewed", "15190", "protection", "Survey of migrants in transit"),
        ("assisted-voluntary-return", "people-returned", "15190", "return-and-reintegration", "Assisted voluntary return of stranded migrants"),
    ];

    static readonly (string Country, string Admin1, string Place)[] Places =
    [
        ("MX", "Baja California", "Tijuana"), ("GT", "Guatemala", "Ciudad de Guatemala"), ("MX", "Chiapas", "Tapachula"),
        ("HN", "Francisco Morazán", "Tegucigalpa"), ("SV", "San Salvador", "San Salvador"), ("MX", "Ciudad de México", "Ciudad de México"),
        ("CR", "San José", "San José"), ("PA", "Panamá", "Ciudad de Panamá"), ("DO", "Distrito Nacional", "Santo Domingo"),
    ];

    static readonly (string Organisation, OrganisationRole Role)[] Partners =
    [
        ("iom", OrganisationRole.Implementing), ("segob-mx", OrganisationRole.Accountable), ("eu", OrganisationRole.Funding),
        ("dgme-cr", OrganisationRole.Extending), ("cmc", OrganisationRole.Implementing),
    ];

    public static RecordActivity Number(int n)
    {
        var (kind, indicator, sector, theme, title) = Kinds[n % Kinds.Length];
        var (country, admin1, place) = Places[n % Places.Length];
        var (organisation, role) = Partners[n % Partners.Length];
        var start = new DateOnly(2019, 1, 1).AddDays(n % 1_800);
        var women = 20 + n % 90;
        var men = 15 + n % 70;
        var children = 5 + n % 25;
        return new RecordActivity(
            Kind: kind,
            Language: n % 3 == 0 ? "es" : "en",
            Title: $"{title} #{n} in {place}",
            Description: $"Held with local authorities in {place}, {admin1}; figures from the attendance sheets.",
            ActualStart: start,
            ActualEnd: start.AddDays(1 + n % 3),
            Location: new LocationInput(country, admin1, place, null, null),
            ProgrammeCode: "MESO-CARIB",
            SectorCode: sector,
            Tags: [theme],
            Participants: new ParticipantsInput(women + men + children + n % 7,
                Groups: [new(Sex.Female, AgeBand.Adults, women), new(Sex.Male, AgeBand.Adults, men), new(null, AgeBand.Children, children)],
                UnaccompaniedMinors: n % 4 == 3 ? children / 2 : null),
            Outcomes: [new OutcomeInput(indicator, 1 + n % 40)],
            Partners: [new PartnerInput(organisation, role)]);
    }

    /// <summary>Activity <paramref name="n"/>, held in <paramref name="country"/> instead: a write into the cells of that country's dashboard (P11).</summary>
    public static RecordActivity In(string country, int n) => Number(n) with
    {
        Title = $"Benchmark activity #{n} in {country}",
        Location = new LocationInput(country, null, $"{country} venue {n % 12}", null, null),
    };

    /// <summary>A held meeting in Mexico (or another host country) with only a participants total: the smallest valid activity.</summary>
    public static RecordActivity Meeting(string title, int participants = 10, string country = "MX", string programme = "MESO-CARIB") => new(
        Kind: "meeting",
        Language: "en",
        Title: title,
        ActualStart: new DateOnly(2019, 3, 1),
        ActualEnd: new DateOnly(2019, 3, 1),
        Location: new LocationInput(country, null, "Somewhere", null, null),
        ProgrammeCode: programme,
        SectorCode: "15190",
        Participants: new ParticipantsInput(participants));
}
