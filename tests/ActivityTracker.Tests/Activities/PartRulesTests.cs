using ActivityTracker.Activities;
using ActivityTracker.Activities.Reporting;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// Parts along defined breakdown dimensions: "45 of the 80 from the migration institute", the rest not stated.
public class PartRulesTests
{
    static IEnumerable<string> OutcomeFields(params PartInput[] parts) =>
        InvalidFields(new ReportOutcome(1, new OutcomeInput("jobfair-hired", 80, Parts: parts), new CorrectionInput(CorrectionReason.LateData))
            .Decide(RecordedJobFair(), TestCatalog));

    static IEnumerable<string> ParticipantFields(params PartInput[] parts) =>
        InvalidFields(new ReportParticipants(1, new ParticipantsInput(80, Parts: parts), new CorrectionInput(CorrectionReason.LateData))
            .Decide(RecordedJobFair(), TestCatalog));

    [Fact]
    public void a_partial_breakdown_is_stored_in_canonical_spelling()
    {
        var outcome = Assert.IsType<OutcomeReported>(Assert.Single(Accepted(new ReportOutcome(1,
                new OutcomeInput("jobfair-hired", 80, Parts: [new PartInput(" Institution ", "INM", 45), new PartInput("employer-size", "Small", 10)]),
                new CorrectionInput(CorrectionReason.LateData))
            .Decide(RecordedJobFair(), TestCatalog))));
        Assert.Equal([new Part("institution", "inm", 45), new Part("employer-size", "small", 10)], outcome.Parts);

        var participants = Assert.IsType<ParticipantsReported>(Assert.Single(Accepted(new ReportParticipants(1,
                new ParticipantsInput(80, Parts: [new PartInput("institution", "inm", 45), new PartInput("institution", "iom", 5)]),
                new CorrectionInput(CorrectionReason.LateData))
            .Decide(RecordedJobFair(), TestCatalog))));
        Assert.Equal([new Part("institution", "inm", 45), new Part("institution", "iom", 5)], participants.Parts);
    }

    static IEnumerable<string> ParticipantFieldsOrNone(params PartInput[] parts) =>
        new ReportParticipants(1, new ParticipantsInput(80, Parts: parts), new CorrectionInput(CorrectionReason.LateData))
            .Decide(RecordedJobFair(), TestCatalog) is ActivityTracker.Decisions.Decision.Invalid invalid ? invalid.Errors.ByField.Keys : [];

    [Fact]
    public void an_unknown_dimension_is_named()
    {
        Assert.Equal(["outcome.parts[0].dimension"], OutcomeFields(new PartInput("ministry", "inm", 1)));
        Assert.Equal(["participants.parts[0].dimension"], ParticipantFields(new PartInput(null, "inm", 1)));
    }

    [Fact]
    public void a_dimension_breaks_down_only_what_it_was_defined_for()
    {
        // employer-size breaks down people hired, not participants; institution not businesses.
        Assert.Equal(["participants.parts[0].dimension"], ParticipantFields(new PartInput("employer-size", "small", 1)));
        Assert.Equal(["outcome.parts[0].dimension"], InvalidFields(new ReportOutcome(1,
            new OutcomeInput("jobfair-businesses", 18, Parts: [new PartInput("institution", "inm", 1)])).Decide(RecordedJobFair(), TestCatalog)));
    }

    [Fact]
    public void a_category_is_one_of_the_dimensions_values()
    {
        Assert.Equal(["outcome.parts[0].category"], OutcomeFields(new PartInput("institution", "no-such-organisation", 1)));
        Assert.Equal(["outcome.parts[0].category"], OutcomeFields(new PartInput("institution", "old-name", 1)));
        Assert.Equal(["outcome.parts[0].category"], OutcomeFields(new PartInput("employer-size", "medium", 1)));
        Assert.Equal(["outcome.parts[0].category"], OutcomeFields(new PartInput("employer-size", " ", 1)));
    }

    [Fact]
    public void a_category_is_given_once_per_dimension()
    {
        Assert.Equal(["outcome.parts[1].category"], OutcomeFields(new PartInput("institution", "inm", 1), new PartInput("institution", "INM", 2)));
    }

    [Fact]
    public void the_parts_of_a_dimension_never_exceed_the_whole()
    {
        Assert.Equal(["outcome.parts"], OutcomeFields(new PartInput("institution", "inm", 45), new PartInput("institution", "iom", 36)));
        Assert.Equal(["participants.parts"], ParticipantFields(new PartInput("institution", "inm", 81)));
        // Each dimension is a whole of its own: 45 + 35 by institution and 80 by size are both within 80.
        Assert.Empty(ParticipantFieldsOrNone(new PartInput("institution", "inm", 45), new PartInput("institution", "iom", 35)));
    }

    [Fact]
    public void a_part_is_zero_or_more_and_whole_people()
    {
        Assert.Equal(["outcome.parts[0].value"], OutcomeFields(new PartInput("institution", "inm", -1)));
        Assert.Equal(["outcome.parts[0].value"], OutcomeFields(new PartInput("institution", "inm", null)));
        Assert.Equal(["participants.parts[0].value"], ParticipantFields(new PartInput("institution", "inm", 4.5m)));
    }

    [Fact]
    public void parts_are_bounded()
    {
        var many = Enumerable.Range(0, ActivityRules.PartsMax + 1).Select(i => new PartInput("institution", "inm", 0)).ToArray();
        Assert.Equal(["outcome.parts"], OutcomeFields(many));
    }
}
