using ActivityTracker.Activities.Recording;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// The rules of recording are a pure function: no host, no database.
public class RecordActivityRulesTests
{
    [Fact]
    public void a_complete_activity_passes()
    {
        Assert.True(TijuanaJobFair().Check(CodeLists).IsEmpty);
    }

    [Fact]
    public void a_regional_activity_needs_no_host_country_and_unknown_figures_may_be_left_out()
    {
        var regional = new RecordActivity("meeting", "CMC Counter-Trafficking Network, second meeting", null, null, null, null, "MESO-CARIB", null);

        Assert.True(regional.Check(CodeLists).IsEmpty);
    }

    [Fact]
    public void every_bad_field_is_named_with_its_own_message()
    {
        var bad = new RecordActivity("picnic", "  ", new string('x', 4001), new DateOnly(2019, 3, 6), new DateOnly(2019, 3, 5), "XX", "NOPE", -1);

        var errors = bad.Check(CodeLists).ByField;

        Assert.Equal(["countryCode", "description", "endDate", "kind", "participantTotal", "programmeCode", "title"], errors.Keys.Order());
        Assert.Contains("picnic", errors["kind"][0]);
        Assert.Contains("job-fair", errors["kind"][0]);
        Assert.Contains("before the start date", errors["endDate"][0]);
        Assert.Contains("4001", errors["description"][0]);
    }

    [Fact]
    public void missing_kind_title_and_programme_are_required()
    {
        var empty = new RecordActivity(null, null, null, null, null, null, null, null);

        Assert.Equal(["kind", "programmeCode", "title"], empty.Check(CodeLists).ByField.Keys.Order());
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void the_title_is_at_most_200_characters(int length, bool valid)
    {
        var command = TijuanaJobFair() with { Title = new string('t', length) };

        Assert.Equal(valid, command.Check(CodeLists).IsEmpty);
    }

    [Fact]
    public void a_one_day_activity_may_end_on_its_start_date()
    {
        var oneDay = TijuanaJobFair() with { EndDate = new DateOnly(2019, 2, 27) };

        Assert.True(oneDay.Check(CodeLists).IsEmpty);
    }

    [Fact]
    public void the_event_carries_codes_in_their_canonical_spelling_and_trimmed_text()
    {
        var id = Guid.CreateVersion7();
        var command = TijuanaJobFair() with { Kind = "JOB-FAIR", CountryCode = "mx", ProgrammeCode = "meso-carib", Title = "  Job fair  ", Description = "   " };

        var recorded = command.ToEvent(id, CodeLists);

        Assert.Equal(new ActivityTracker.Activities.ActivityRecorded(id, "job-fair", "Job fair", null,
            new DateOnly(2019, 2, 27), new DateOnly(2019, 2, 28), "MX", "MESO-CARIB", 256), recorded);
    }

    [Fact]
    public void posting_starts_a_new_stream_with_the_recorded_event_and_answers_its_location()
    {
        var (created, start) = RecordActivityEndpoint.Post(TijuanaJobFair(), CodeLists);

        var recorded = Assert.IsType<ActivityTracker.Activities.ActivityRecorded>(Assert.Single(start.Events));
        Assert.Equal(created.Value, recorded.ActivityId);
        Assert.Equal(created.Value, start.StreamId);
        Assert.Equal($"/api/activities/{created.Value}", created.Url);
    }
}
