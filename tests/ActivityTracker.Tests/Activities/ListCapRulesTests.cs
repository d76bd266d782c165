using ActivityTracker.Activities;
using ActivityTracker.Indicators;
using ActivityTracker.Activities.Correcting;
using ActivityTracker.Decisions;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// Issue 15, item 9: every list a command takes is capped, so one request's work and events are bounded. Pure rules.
[Trait("Category", "Security")]
public class ListCapRulesTests
{
    static readonly Guid Id = Guid.CreateVersion7();

    static IReadOnlyList<T> Many<T>(int count, Func<int, T> item) => [.. Enumerable.Range(0, count).Select(item)];

    static IEnumerable<string> FieldsOf(ActivityTracker.Activities.Recording.RecordActivity command) =>
        InvalidFields(command.Decide(Id, TestCatalog, Today));

    [Fact]
    public void a_list_at_its_cap_is_accepted_and_one_more_is_refused_naming_the_list()
    {
        var sources = Many(ActivityRules.SourcesMax, i => new SourceInput($"https://example.org/{i}"));
        var accepted = Accepted((TijuanaJobFair() with { Sources = sources }).Decide(Id, TestCatalog, Today));
        Assert.Equal(ActivityRules.SourcesMax, accepted.OfType<SourceLinked>().Count());

        var refused = Assert.IsType<Decision.Invalid>((TijuanaJobFair() with { Sources = [.. sources, new SourceInput("https://example.org/one-more")] })
            .Decide(Id, TestCatalog, Today));
        Assert.Equal(["sources"], refused.Errors.ByField.Keys);
        Assert.Contains($"{ActivityRules.SourcesMax + 1}", refused.Errors.ByField["sources"].Single());
    }

    public static TheoryData<string> Lists => new()
    {
        "participatingCountries", "tags", "outcomes", "partners", "sources",
        "participants.groups", "participants.nationalities", "outcomes[0].breakdown",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void each_list_of_a_recording_over_its_cap_is_refused_by_name(string field)
    {
        var fair = TijuanaJobFair();
        var command = field switch
        {
            "participatingCountries" => fair with { ParticipatingCountries = Many<string?>(ActivityRules.CountriesMax + 1, _ => "GT") },
            "tags" => fair with { Tags = Many<string?>(ActivityRules.TagsMax + 1, _ => "labour-migration") },
            "outcomes" => fair with { Outcomes = Many(ActivityRules.OutcomesMax + 1, _ => new OutcomeInput("jobfair-hired", 1)) },
            "partners" => fair with { Partners = Many(ActivityRules.PartnersMax + 1, _ => new PartnerInput("iom", OrganisationRole.Implementing)) },
            "sources" => fair with { Sources = Many(ActivityRules.SourcesMax + 1, _ => new SourceInput("https://example.org")) },
            "participants.groups" => fair with { Participants = new ParticipantsInput(256, Groups: Many(ActivityRules.GroupsMax + 1, _ => new ParticipantGroupInput(Sex.Female, null, 1))) },
            "participants.nationalities" => fair with { Participants = new ParticipantsInput(256, Nationalities: Many(ActivityRules.NationalitiesMax + 1, _ => new NationalityInput("HN", 1))) },
            _ => fair with { Outcomes = [new OutcomeInput("jobfair-hired", 33, Many(ActivityRules.BreakdownMax + 1, _ => new OutcomeSplitInput(Breakdown.Sex, "Female", 1)))] },
        };

        Assert.Equal([field], FieldsOf(command));
    }

    [Fact]
    public void a_correction_over_a_cap_is_refused_by_name()
    {
        var correction = new CorrectDetails(1, new CorrectionInput(CorrectionReason.Typo),
            ParticipatingCountries: Many<string?>(ActivityRules.CountriesMax + 1, _ => "GT"), Tags: Many<string?>(ActivityRules.TagsMax + 1, _ => "labour-migration"));

        Assert.Equal(["participatingCountries", "tags"], InvalidFields(correction.Decide(RecordedJobFair(), TestCatalog)));
    }
}
