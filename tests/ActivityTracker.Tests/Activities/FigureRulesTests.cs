using ActivityTracker.Activities;
using ActivityTracker.Activities.Reporting;
using ActivityTracker.Indicators;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// Participants and outcomes: breakdowns never exceed totals, and a new report replaces the old.
public class FigureRulesTests
{
    [Fact]
    public void a_breakdown_larger_than_its_total_is_refused()
    {
        var report = new ReportParticipants(1, new ParticipantsInput(10,
            Groups: [new ParticipantGroupInput(Sex.Female, AgeBand.Adults, 6), new ParticipantGroupInput(Sex.Male, AgeBand.Adults, 5)]),
            new CorrectionInput(CorrectionReason.LateData));

        Assert.Equal(["participants.groups"], InvalidFields(report.Decide(RecordedJobFair(), TestCatalog)));
    }

    [Fact]
    public void nationalities_and_unaccompanied_minors_stay_within_the_total_and_the_children()
    {
        var report = new ReportParticipants(1, new ParticipantsInput(10,
            Groups: [new ParticipantGroupInput(null, AgeBand.Children, 2), new ParticipantGroupInput(null, AgeBand.Adults, 8)],
            UnaccompaniedMinors: 3,
            Nationalities: [new NationalityInput("HN", 8), new NationalityInput("SV", 3), new NationalityInput("XX", 1)]),
            new CorrectionInput(CorrectionReason.LateData));

        Assert.Equal(["participants.nationalities", "participants.nationalities[2].countryCode", "participants.unaccompaniedMinors"],
            InvalidFields(report.Decide(RecordedJobFair(), TestCatalog)));
    }

    [Fact]
    public void a_second_participant_report_replaces_the_first_and_needs_a_reason()
    {
        var activity = RecordedJobFair();
        var withoutReason = new ReportParticipants(activity.Version, new ParticipantsInput(260));
        var withReason = withoutReason with { Correction = new CorrectionInput(CorrectionReason.LateData, "Late registrations") };

        Assert.Equal(["correction"], InvalidFields(withoutReason.Decide(activity, TestCatalog)));
        var reported = Assert.IsType<ParticipantsReported>(Assert.Single(Accepted(withReason.Decide(activity, TestCatalog))));
        Assert.Equal(new Correction(CorrectionReason.LateData, "Late registrations"), reported.Correction);
        var after = Fold([.. Accepted(TijuanaJobFair().Decide(activity.Id, TestCatalog, Today)), reported]);
        Assert.Equal(260, after.Participants!.Total);
    }

    [Fact]
    public void the_first_participant_report_needs_no_reason()
    {
        var activity = Fold(Accepted(PlannedMeeting().Decide(Guid.CreateVersion7(), TestCatalog, Today)).ToArray());

        var reported = Assert.IsType<ParticipantsReported>(Assert.Single(Accepted(
            new ReportParticipants(1, new ParticipantsInput(50, TotalIsMinimum: true)).Decide(activity, TestCatalog))));

        Assert.True(reported.TotalIsMinimum);
        Assert.Null(reported.Correction);
    }

    [Fact]
    public void an_outcome_is_for_the_kinds_and_breakdowns_its_indicator_allows()
    {
        var activity = RecordedJobFair();
        var wrongKind = new ReportOutcome(activity.Version, new OutcomeInput("people-returned", 5));
        var wrongDimension = new ReportOutcome(activity.Version, new OutcomeInput("jobfair-businesses", 18,
            [new OutcomeSplitInput(Breakdown.Sex, "Female", 1)]));
        var badCategory = new ReportOutcome(activity.Version, new OutcomeInput("jobfair-hired", 33,
            [new OutcomeSplitInput(Breakdown.Country, "Atlantis", 1)]), new CorrectionInput(CorrectionReason.Typo));

        Assert.Equal(["outcome.indicatorCode"], InvalidFields(wrongKind.Decide(activity, TestCatalog)));
        Assert.Equal(["outcome.breakdown[0].dimension"], InvalidFields(wrongDimension.Decide(activity, TestCatalog)));
        Assert.Equal(["outcome.breakdown[0].category"], InvalidFields(badCategory.Decide(activity, TestCatalog)));
    }

    [Fact]
    public void the_parts_of_an_outcome_by_one_dimension_never_exceed_its_value()
    {
        var activity = RecordedJobFair();
        var tooMuch = new ReportOutcome(activity.Version, new OutcomeInput("jobfair-hired", 33,
            [new OutcomeSplitInput(Breakdown.Country, "HN", 20), new OutcomeSplitInput(Breakdown.Country, "GT", 20)]),
            new CorrectionInput(CorrectionReason.LateData));
        var byTwoDimensions = tooMuch with
        {
            Outcome = new OutcomeInput("jobfair-hired", 33, [new OutcomeSplitInput(Breakdown.Country, "HN", 20), new OutcomeSplitInput(Breakdown.Sex, "female", 20)]),
        };

        Assert.Equal(["outcome.breakdown"], InvalidFields(tooMuch.Decide(activity, TestCatalog)));
        var reported = Assert.IsType<OutcomeReported>(Assert.Single(Accepted(byTwoDimensions.Decide(activity, TestCatalog))));
        Assert.Contains(new OutcomeSplit(Breakdown.Sex, "Female", 20), reported.Breakdown);
    }

    [Fact]
    public void reporting_an_indicator_again_replaces_its_value_with_a_reason()
    {
        var activity = RecordedJobFair();
        var again = new ReportOutcome(activity.Version, new OutcomeInput("jobfair-hired", 35));

        Assert.Equal(["correction"], InvalidFields(again.Decide(activity, TestCatalog)));
        var corrected = Accepted((again with { Correction = new CorrectionInput(CorrectionReason.DoubleCount) }).Decide(activity, TestCatalog));
        var after = Fold([.. Accepted(TijuanaJobFair().Decide(activity.Id, TestCatalog, Today)), .. corrected]);
        Assert.Equal(35m, Assert.Single(after.Outcomes).Value);
    }
}
