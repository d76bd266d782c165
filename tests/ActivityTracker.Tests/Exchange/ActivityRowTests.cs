using ActivityTracker.Activities;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Exchange;
using ActivityTracker.Indicators;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Exchange;

// The spreadsheet row of an activity, both ways: pure functions, no database.
public class ActivityRowTests
{
    static readonly Guid Id = Guid.CreateVersion7();
    const string Importer = "officer@test.local";

    static RecordActivity EveryField() => TijuanaJobFair() with
    {
        Title = "=Job fair, \"second\"; municipal",
        PlannedStart = new DateOnly(2019, 2, 20),
        PlannedEnd = new DateOnly(2019, 2, 28),
        Location = new LocationInput("MX", "Baja California", "Tijuana", 32.5149, -117.0382),
        ParticipatingCountries = ["MX", "GT"],
        Tags = ["labour-migration", "protection"],
        Participants = new ParticipantsInput(256, true,
            [new ParticipantGroupInput(Sex.Female, AgeBand.Adults, 100), new ParticipantGroupInput(Sex.Male, null, 50), new ParticipantGroupInput(null, AgeBand.Children, 6)],
            4, [new NationalityInput("HN", 120), new NationalityInput("GT", 80)]),
        Outcomes = [new OutcomeInput("jobfair-hired", 33, [new OutcomeSplitInput(Breakdown.Sex, "female", 20), new OutcomeSplitInput(Breakdown.Country, "HN", 13)]),
                    new OutcomeInput("jobfair-businesses", 18.5m)],
        Partners = [new PartnerInput("iom", OrganisationRole.Implementing), new PartnerInput("tijuana-municipality", OrganisationRole.Accountable)],
        Sources = [new SourceInput("https://example.org/news?a=1", "Nota de prensa"), new SourceInput("https://example.org/b")],
    };

    // As the exports write it: formulas neutralised.
    static IReadOnlyDictionary<string, string?> Row(ActivityTracker.Activities.GettingDetails.ActivityDetails activity) =>
        C.Exported.Zip(ActivityRow.Cells(activity)).ToDictionary(p => p.First, p => SpreadsheetCell.Neutralise(p.Second));

    [Fact]
    public void an_activity_read_back_from_its_row_is_the_same_activity()
    {
        var original = Fold(Accepted(EveryField().Decide(Id, TestCatalog, Today)).ToArray());
        var row = Row(original);

        var reading = ActivityRow.Read(column => row.GetValueOrDefault(column), Importer);

        Assert.True(reading.Errors.IsEmpty, string.Join("; ", reading.Errors.ByField.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.Equal(Id, reading.Id);
        var again = Fold(Accepted(reading.Command!.Decide(reading.Id, TestCatalog, Today)).ToArray());
        Assert.Equivalent(original, again, strict: true);
    }

    [Fact]
    public void compound_cells_are_written_in_the_documented_shapes()
    {
        var row = Row(Fold(Accepted(EveryField().Decide(Id, TestCatalog, Today)).ToArray()));

        Assert.Equal("female adults=100; male=50; children=6", row[C.ParticipantGroups]);
        Assert.Equal("HN=120; GT=80", row[C.Nationalities]);
        Assert.Equal("jobfair-hired=33; jobfair-businesses=18.5", row[C.Outcomes]);
        Assert.Equal("jobfair-hired/sex/Female=20; jobfair-hired/country/HN=13", row[C.OutcomeBreakdowns]);
        Assert.Equal("iom=implementing; tijuana-municipality=accountable", row[C.Partners]);
        Assert.Equal("2019-02-27", row[C.ActualStart]);
        Assert.Equal("-117.0382", row[C.Longitude]);
        Assert.Equal("true", row[C.ParticipantsTotalIsMinimum]);
    }

    [Fact]
    public void every_bad_cell_is_named_by_its_column()
    {
        var row = new Dictionary<string, string?>
        {
            [C.Kind] = "job-fair", [C.Language] = "en", [C.Title] = "=HYPERLINK(\"http://evil\")", [C.Programme] = "MESO-CARIB", [C.Sector] = "16020",
            [C.ActualStart] = "27/02/2019", [C.Latitude] = "north", [C.ParticipantsTotal] = "many",
            [C.ParticipantGroups] = "women=3", [C.Nationalities] = "HN", [C.Outcomes] = "jobfair-hired=lots",
            [C.OutcomeBreakdowns] = "people-returned/country/HN=5", [C.Partners] = "iom=donor", [C.ParticipantsTotalIsMinimum] = "maybe",
        };

        var reading = ActivityRow.Read(column => row.GetValueOrDefault(column), Importer);

        Assert.Null(reading.Command);
        Assert.Equal(new[] { C.Title, C.ActualStart, C.Latitude, C.ParticipantsTotal, C.ParticipantGroups, C.Nationalities, C.Outcomes, C.OutcomeBreakdowns, C.Partners, C.ParticipantsTotalIsMinimum }.Order(),
            reading.Errors.ByField.Keys.Order());
        Assert.Contains("women=3", reading.Errors.ByField[C.ParticipantGroups].Single());
    }

    [Fact]
    public void a_row_without_an_id_gets_the_same_one_from_the_same_content()
    {
        var row = new Dictionary<string, string?> { [C.Kind] = "meeting", [C.Language] = "es", [C.Title] = "Reunión", [C.Programme] = "MESO-CARIB", [C.Sector] = "15190" };
        string? Cell(string column) => row.GetValueOrDefault(column);

        var first = ActivityRow.Read(Cell, Importer).Id;
        row[C.Title] = "Reunión (2)";

        Assert.Equal(first, ActivityRow.Read(column => column == C.Title ? "Reunión" : Cell(column), Importer).Id);
        Assert.NotEqual(first, ActivityRow.Read(Cell, Importer).Id);
    }

    [Fact]
    public void a_partners_own_reference_is_a_stable_id()
    {
        var reading = ActivityRow.Read(column => column == C.Id ? "PARTNER-2019-017" : null, Importer);

        Assert.Equal(reading.Id, ActivityRow.Read(column => column == C.Id ? "PARTNER-2019-017" : null, Importer).Id);
        Assert.NotEqual(reading.Id, ActivityRow.Read(column => column == C.Id ? "PARTNER-2019-018" : null, Importer).Id);
    }

    [Fact]
    public void the_same_reference_or_content_from_two_importers_is_two_activities()
    {
        string? Cell(string column) => column switch { C.Kind => "meeting", C.Title => "Reunión", _ => null };

        Assert.NotEqual(ActivityRow.Read(column => column == C.Id ? "P-1" : null, Importer).Id,
            ActivityRow.Read(column => column == C.Id ? "P-1" : null, "someone-else@test.local").Id);
        Assert.NotEqual(ActivityRow.Read(Cell, Importer).Id, ActivityRow.Read(Cell, "someone-else@test.local").Id);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+34 600", "'+34 600")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-x", "'-x")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("Tijuana", "Tijuana")]
    public void formulas_are_neutralised_on_export_and_restored_on_import(string text, string written)
    {
        Assert.Equal(written, SpreadsheetCell.Neutralise(text));
        Assert.Equal(text, SpreadsheetCell.Read(written, out var formula));
        Assert.False(formula);
    }

    [Fact]
    public void rule_fields_map_to_the_columns_users_typed_them_in()
    {
        Assert.Equal(C.Country, C.Of("location.countryCode"));
        Assert.Equal(C.ParticipantGroups, C.Of("participants.groups[1].count"));
        Assert.Equal(C.ParticipantsTotal, C.Of("participants.total"));
        Assert.Equal(C.OutcomeBreakdowns, C.Of("outcomes[0].breakdown[1].category"));
        Assert.Equal(C.Outcomes, C.Of("outcomes[1].value"));
        Assert.Equal(C.Partners, C.Of("partners[0].organisationCode"));
        Assert.Equal(C.ActualEnd, C.Of("actualEnd"));
    }
}
