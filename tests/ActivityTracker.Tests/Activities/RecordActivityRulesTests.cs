using ActivityTracker.Activities;
using ActivityTracker.Activities.Recording;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// The rules of recording are a pure function: no host, no database.
public class RecordActivityRulesTests
{
    static readonly Guid Id = Guid.CreateVersion7();

    [Fact]
    public void a_held_activity_with_figures_starts_its_stream_with_every_fact()
    {
        var events = Accepted(TijuanaJobFair().Decide(Id, TestCatalog, Today));

        Assert.Equal([typeof(ActivityRecorded), typeof(ActivityHeld), typeof(ParticipantsReported), typeof(OutcomeReported), typeof(PartnerAdded)],
            events.Select(e => e.GetType()));
        var recorded = Assert.IsType<ActivityRecorded>(events[0]);
        Assert.Equal(("job-fair", "en", "MX", "Baja California", "MESO-CARIB", "16020"),
            (recorded.Kind, recorded.Language, recorded.Location.CountryCode, recorded.Location.Admin1, recorded.ProgrammeCode, recorded.SectorCode));
        Assert.Equal(new ActivityHeld(Id, new DateOnly(2019, 2, 27), new DateOnly(2019, 2, 28), null), events[1]);
        Assert.Equal(256, Assert.IsType<ParticipantsReported>(events[2]).Total);
        Assert.Equal(33m, Assert.IsType<OutcomeReported>(events[3]).Value);
        Assert.Equal(new PartnerAdded(Id, "iom", OrganisationRole.Implementing), events[4]);
    }

    [Fact]
    public void a_planned_activity_is_recorded_without_being_held()
    {
        var events = Accepted(PlannedMeeting().Decide(Id, TestCatalog, Today));

        var recorded = Assert.IsType<ActivityRecorded>(Assert.Single(events));
        Assert.Equal(new DateOnly(2027, 1, 20), recorded.PlannedStart);
        Assert.Equal(ActivityStatus.Pipeline, Fold(recorded).Status);
    }

    [Fact]
    public void a_regional_activity_needs_no_host_country()
    {
        var regional = PlannedMeeting() with { Location = null, ParticipatingCountries = ["gt", "SV", "GT"] };

        var recorded = Assert.IsType<ActivityRecorded>(Assert.Single(Accepted(regional.Decide(Id, TestCatalog, Today))));

        Assert.Null(recorded.Location.CountryCode);
        Assert.Equal(["GT", "SV"], recorded.ParticipatingCountries);
    }

    [Fact]
    public void codes_are_stored_in_their_canonical_spelling_and_text_trimmed()
    {
        var command = TijuanaJobFair() with { Kind = "JOB-FAIR", Language = "EN", ProgrammeCode = "meso-carib", Title = "  Job fair  ", Tags = ["Labour-Migration"] };

        var recorded = Assert.IsType<ActivityRecorded>(Accepted(command.Decide(Id, TestCatalog, Today))[0]);

        Assert.Equal(("job-fair", "en", "MESO-CARIB", "Job fair", "labour-migration"),
            (recorded.Kind, recorded.Language, recorded.ProgrammeCode, recorded.Title, recorded.Tags.Single()));
    }

    [Fact]
    public void every_bad_field_is_named()
    {
        var bad = new RecordActivity("picnic", "fr", "  ", new string('x', 4001),
            PlannedStart: new DateOnly(2019, 3, 6), PlannedEnd: new DateOnly(2019, 3, 5),
            ActualStart: Today.AddDays(1),
            Location: new LocationInput("XX", null, null, 91, null),
            ParticipatingCountries: ["ZZ"], ProgrammeCode: "NOPE", SectorCode: "99999", Tags: ["gardening"],
            Participants: new ParticipantsInput(-1),
            Outcomes: [new OutcomeInput("unknown", -1)],
            Partners: [new PartnerInput("nobody", null)],
            Sources: [new SourceInput("ftp://example.org")]);

        Assert.Equal(
        [
            "actualStart", "description", "kind", "language", "location.countryCode", "location.latitude", "location.longitude",
            "outcomes[0].indicatorCode", "outcomes[0].value", "participants.total", "participatingCountries[0]",
            "partners[0].organisationCode", "partners[0].role", "plannedEnd", "programmeCode", "sectorCode", "sources[0].url", "tags[0]", "title",
        ], InvalidFields(bad.Decide(Id, TestCatalog, Today)));
    }

    [Fact]
    public void kind_language_title_programme_and_sector_are_required()
    {
        var empty = new RecordActivity(null, null, null);

        Assert.Equal(["kind", "language", "programmeCode", "sectorCode", "title"], InvalidFields(empty.Decide(Id, TestCatalog, Today)));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void the_title_is_at_most_200_characters(int length, bool valid)
    {
        var decision = (TijuanaJobFair() with { Title = new string('t', length) }).Decide(Id, TestCatalog, Today);

        Assert.Equal(valid, decision is ActivityTracker.Decisions.Decision.Accepted);
    }

    [Fact]
    public void actual_dates_cannot_be_in_the_future_or_end_before_they_start()
    {
        var future = TijuanaJobFair() with { ActualStart = Today, ActualEnd = Today.AddDays(1) };
        var backwards = TijuanaJobFair() with { ActualStart = new DateOnly(2019, 3, 2), ActualEnd = new DateOnly(2019, 3, 1) };
        var endOnly = TijuanaJobFair() with { ActualStart = null, ActualEnd = new DateOnly(2019, 3, 1) };

        Assert.Equal(["actualEnd"], InvalidFields(future.Decide(Id, TestCatalog, Today)));
        Assert.Equal(["actualEnd"], InvalidFields(backwards.Decide(Id, TestCatalog, Today)));
        Assert.Equal(["actualStart"], InvalidFields(endOnly.Decide(Id, TestCatalog, Today)));
    }

    [Fact]
    public void a_partner_merged_into_another_is_refused_with_the_survivor_named()
    {
        var command = TijuanaJobFair() with { Partners = [new PartnerInput("old-name", OrganisationRole.Funding)] };

        var errors = Assert.IsType<ActivityTracker.Decisions.Decision.Invalid>(command.Decide(Id, TestCatalog, Today)).Errors.ByField;

        Assert.Contains("'iom'", errors["partners[0].organisationCode"][0]);
    }

    [Fact]
    public void the_same_partner_role_outcome_or_source_cannot_be_listed_twice()
    {
        var command = TijuanaJobFair() with
        {
            Partners = [new PartnerInput("iom", OrganisationRole.Implementing), new PartnerInput("IOM", OrganisationRole.Implementing)],
            Outcomes = [new OutcomeInput("jobfair-hired", 33), new OutcomeInput("jobfair-hired", 34)],
            Sources = [new SourceInput("https://example.org/a"), new SourceInput("https://example.org/a")],
        };

        Assert.Equal(["outcomes[1].indicatorCode", "partners[1]", "sources[1].url"], InvalidFields(command.Decide(Id, TestCatalog, Today)));
    }
}
