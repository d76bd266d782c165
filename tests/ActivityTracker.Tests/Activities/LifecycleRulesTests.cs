using ActivityTracker.Activities;
using ActivityTracker.Activities.Annotating;
using ActivityTracker.Activities.Cancelling;
using ActivityTracker.Activities.Correcting;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Holding;
using ActivityTracker.Activities.Partnering;
using ActivityTracker.Activities.Rescheduling;
using ActivityTracker.Activities.Reviewing;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// Legal transitions: facts change only in draft or sent back; review moves
// draft -> submitted -> approved | sent back; approved or cancelled -> reopened -> draft.
public class LifecycleRulesTests
{
    static readonly Guid Id = Guid.CreateVersion7();
    static readonly object[] Planned = [.. Accepted(PlannedMeeting().Decide(Id, TestCatalog, Today))];
    static readonly object Submitted = new SubmittedForReview(Id);

    static ActivityDetails Draft => Fold(Planned);
    static ActivityDetails UnderReview => Fold([.. Planned, Submitted]);
    static ActivityDetails Approved => Fold([.. Planned, Submitted, new ActivityApproved(Id, 2)]);
    static ActivityDetails Cancelled => Fold([.. Planned, new ActivityCancelled(Id, "Postponed sine die")]);

    [Fact]
    public void the_status_follows_the_facts()
    {
        Assert.Equal(ActivityStatus.Pipeline, Draft.Status);
        Assert.Equal(ActivityStatus.Implementation, Fold([.. Planned, new ActivityHeld(Id, new DateOnly(2026, 11, 1), null, null)]).Status);
        Assert.Equal(ActivityStatus.Finalisation, Fold([.. Planned, new ActivityHeld(Id, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2), null)]).Status);
        Assert.Equal(ActivityStatus.Cancelled, Cancelled.Status);
    }

    [Fact]
    public void approval_closes_only_an_activity_that_has_ended()
    {
        object[] approval = [Submitted, new ActivityApproved(Id, 3)];
        Assert.Equal(ActivityStatus.Closed, Fold([.. Planned, new ActivityHeld(Id, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2), null), .. approval]).Status);
        // A campaign still under way keeps being implemented after its report so far is approved; an approved plan stays a plan.
        Assert.Equal(ActivityStatus.Implementation, Fold([.. Planned, new ActivityHeld(Id, new DateOnly(2026, 11, 1), null, null), .. approval]).Status);
        Assert.Equal(ActivityStatus.Pipeline, Approved.Status);
    }

    [Fact]
    public void submitting_then_approving_binds_the_approval_to_the_version_read()
    {
        Assert.Equal(new SubmittedForReview(Id), Assert.Single(Accepted(SubmitForReview.Decide(Draft))));
        var underReview = UnderReview;

        var approved = Assert.IsType<ActivityApproved>(Assert.Single(Accepted(ApproveActivity.Decide(underReview, "manager"))));

        Assert.Equal(underReview.Version, approved.ApprovedVersion);
    }

    [Fact]
    public void whoever_recorded_or_submitted_an_activity_cannot_approve_it()
    {
        var recordedByAna = UnderReview with { RecordedBy = "ana", SubmittedBy = "luis" };

        Assert.Contains("Separation of duties", Refusal(ApproveActivity.Decide(recordedByAna, "ANA")));
        Assert.Contains("Separation of duties", Refusal(ApproveActivity.Decide(recordedByAna, "luis")));
        Assert.IsType<ActivityApproved>(Assert.Single(Accepted(ApproveActivity.Decide(recordedByAna, "marta"))));
    }

    [Fact]
    public void only_a_submitted_activity_can_be_approved_or_sent_back()
    {
        Assert.Contains("submitted", Refusal(ApproveActivity.Decide(Draft, "manager")));
        Assert.Contains("already approved", Refusal(ApproveActivity.Decide(Approved, "manager")));
        Assert.Contains("submitted", Refusal(new SendBack(1, "Missing figures").Decide(Draft)));
        Assert.Contains("already submitted", Refusal(SubmitForReview.Decide(UnderReview)));
    }

    [Fact]
    public void sending_back_needs_a_reason_and_reopens_the_facts_for_change()
    {
        Assert.Equal(["reason"], InvalidFields(new SendBack(2, " ").Decide(UnderReview)));

        var sentBack = Fold([.. Planned, Submitted, new SentBack(Id, "Add the participants")]);

        Assert.Equal((ReviewState.SentBack, "Add the participants"), (sentBack.Review, sentBack.LastReason));
        Assert.IsType<ActivityTracker.Decisions.Decision.Accepted>(new ReportHeld(3, new DateOnly(2026, 11, 2), null).Decide(sentBack, Today));
    }

    [Fact]
    public void facts_cannot_change_while_submitted_approved_or_cancelled()
    {
        foreach (var (state, word) in new[] { (UnderReview, "submitted"), (Approved, "reopen"), (Cancelled, "cancelled") })
        {
            Assert.Contains(word, Refusal(new ReportHeld(state.Version, new DateOnly(2026, 11, 2), null).Decide(state, Today)));
            Assert.Contains(word, Refusal(new RescheduleActivity(state.Version, new DateOnly(2027, 2, 1), null).Decide(state)));
            Assert.Contains(word, Refusal(new AddPartner(state.Version, "iom", OrganisationRole.Funding).Decide(state, TestCatalog)));
            Assert.Contains(word, Refusal(new CorrectDetails(state.Version, new CorrectionInput(CorrectionReason.Typo), Title: "x").Decide(state, TestCatalog)));
        }
    }

    [Fact]
    public void notes_and_sources_may_be_added_in_any_state()
    {
        foreach (var state in new[] { Draft, UnderReview, Approved, Cancelled })
        {
            Assert.IsType<NoteAdded>(Assert.Single(Accepted(new AddNote(state.Version, "Figures confirmed by phone").Decide(state))));
            Assert.IsType<SourceLinked>(Assert.Single(Accepted(new LinkSource(state.Version, "https://example.org/news").Decide(state))));
        }
    }

    [Fact]
    public void cancelling_needs_a_reason_and_an_approved_activity_is_reopened_first()
    {
        Assert.Equal(["reason"], InvalidFields(new CancelActivity(1, null).Decide(Draft)));
        Assert.Contains("reopen", Refusal(new CancelActivity(3, "Duplicate").Decide(Approved)));
        Assert.Contains("already cancelled", Refusal(new CancelActivity(2, "Duplicate").Decide(Cancelled)));
        Assert.IsType<ActivityCancelled>(Assert.Single(Accepted(new CancelActivity(2, "Duplicate").Decide(UnderReview))));
    }

    [Fact]
    public void reopening_returns_an_approved_or_cancelled_activity_to_draft()
    {
        Assert.Contains("open", Refusal(new ReopenActivity(1, "Late data").Decide(Draft)));
        Assert.Equal(["reason"], InvalidFields(new ReopenActivity(3, "").Decide(Approved)));

        var reopened = Fold([.. Planned, Submitted, new ActivityApproved(Id, 2), new ActivityReopened(Id, "Late figures arrived")]);
        var uncancelled = Fold([.. Planned, new ActivityCancelled(Id, "Postponed"), new ActivityReopened(Id, "It will happen")]);

        Assert.Equal((ReviewState.Draft, null, ActivityStatus.Pipeline), (reopened.Review, reopened.ApprovedVersion, reopened.Status));
        Assert.Equal((false, ActivityStatus.Pipeline), (uncancelled.IsCancelled, uncancelled.Status));
    }

    [Fact]
    public void a_held_activity_is_not_rescheduled_and_changing_its_dates_needs_a_reason()
    {
        var held = Fold([.. Planned, new ActivityHeld(Id, new DateOnly(2026, 11, 1), null, null)]);

        Assert.Contains("held", Refusal(new RescheduleActivity(2, new DateOnly(2027, 2, 1), null).Decide(held)));
        Assert.Equal(["correction"], InvalidFields(new ReportHeld(2, new DateOnly(2026, 11, 2), null).Decide(held, Today)));
        var corrected = new ReportHeld(2, new DateOnly(2026, 11, 2), null, new CorrectionInput(CorrectionReason.Typo)).Decide(held, Today);
        Assert.Equal(new Correction(CorrectionReason.Typo, null), Assert.IsType<ActivityHeld>(Assert.Single(Accepted(corrected))).Correction);
    }

    [Fact]
    public void rescheduling_keeps_the_date_not_sent_and_checks_the_period()
    {
        var moved = Assert.IsType<ActivityRescheduled>(Assert.Single(Accepted(new RescheduleActivity(1, null, new DateOnly(2027, 1, 25), "Venue").Decide(Draft))));

        Assert.Equal((new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 25)), (moved.PlannedStart, moved.PlannedEnd));
        Assert.Equal(["plannedEnd"], InvalidFields(new RescheduleActivity(1, null, new DateOnly(2027, 1, 1)).Decide(Draft)));
        Assert.Equal(["plannedStart"], InvalidFields(new RescheduleActivity(1, null, null).Decide(Draft)));
    }

    [Fact]
    public void partners_are_added_once_per_role_and_removed_only_when_present()
    {
        var withPartner = Fold([.. Planned, new PartnerAdded(Id, "iom", OrganisationRole.Implementing)]);

        Assert.Contains("already a partner", Refusal(new AddPartner(2, "IOM", OrganisationRole.Implementing).Decide(withPartner, TestCatalog)));
        Assert.IsType<PartnerAdded>(Assert.Single(Accepted(new AddPartner(2, "iom", OrganisationRole.Funding).Decide(withPartner, TestCatalog))));
        Assert.Contains("not a partner", Refusal(new RemovePartner(2, "iom", OrganisationRole.Funding).Decide(withPartner)));
        var removed = Accepted(new RemovePartner(2, "IOM", OrganisationRole.Implementing, "Wrong role").Decide(withPartner));
        Assert.Empty(Fold([.. Planned, new PartnerAdded(Id, "iom", OrganisationRole.Implementing), .. removed]).Partners);
    }

    [Fact]
    public void a_correction_needs_a_reason_and_a_real_change()
    {
        Assert.Equal(["correction"], InvalidFields(new CorrectDetails(1, null, Title: "Nueva reunión").Decide(Draft, TestCatalog)));
        Assert.Equal(["correction"], InvalidFields(new CorrectDetails(1, new CorrectionInput(CorrectionReason.Typo), Title: Draft.Title).Decide(Draft, TestCatalog)));
        Assert.Equal(["correction.reason"], InvalidFields(new CorrectDetails(1, new CorrectionInput(null), Title: "x").Decide(Draft, TestCatalog)));

        var corrected = Assert.IsType<DetailsCorrected>(Assert.Single(Accepted(new CorrectDetails(1, new CorrectionInput(CorrectionReason.Reclassification, "It was a consultation"),
            Kind: "consultation", Location: new LocationInput("SV", null, "San Salvador", null, null)).Decide(Draft, TestCatalog))));

        var after = Fold([.. Planned, corrected]);
        Assert.Equal(("consultation", "SV", Draft.Title), (after.Kind, after.Location.CountryCode, after.Title));
    }
}
