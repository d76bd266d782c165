using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using JasperFx.Events;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

// Which events restate an activity's figures, and the figures before and after each: a pure fold.
public class RestatingEventsTests
{
    static readonly Guid Id = Guid.CreateVersion7();
    static readonly DateTimeOffset Start = new(2019, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The Tijuana job fair as recorded (256 participants, 33 hired), then <paramref name="later"/>, one day apart.</summary>
    static IReadOnlyList<IEvent> Stream(params object[] later)
    {
        var data = Accepted(TijuanaJobFair().Decide(Id, TestCatalog, Today)).Concat(later).ToList();
        return data.Select((d, i) =>
        {
            var e = Event.AsEvent(d);
            e.StreamId = Id;
            e.Version = i + 1;
            e.Sequence = 100 + i;
            e.Timestamp = Start.AddDays(i);
            e.UserName = "officer@test.local";
            return e;
        }).ToList();
    }

    static IReadOnlyList<Restatement> All(IReadOnlyList<IEvent> stream) => RestatingEvents.Of(stream, _ => true, _ => true).ToList();

    [Fact]
    public void a_first_report_is_not_a_restatement_and_a_corrected_one_is_with_its_reason_and_totals_before_and_after()
    {
        var stream = Stream(
            new NoteAdded(Id, "List of attendees pending"),
            new ParticipantsReported(Id, 300, false, [], null, [], new Correction(CorrectionReason.LateData, "Municipal list arrived")));

        var restatement = Assert.Single(All(stream));

        Assert.Equal((Id, "ParticipantsReported", stream[^1].Sequence, stream[^1].Version, stream[^1].Timestamp, "officer@test.local"),
            (restatement.ActivityId, restatement.Event, restatement.Sequence, restatement.Version, restatement.Timestamp, restatement.UserName));
        Assert.Equal((CorrectionReason.LateData, "Municipal list arrived"), (restatement.ReasonCode, restatement.Reason));
        Assert.Equal(new Change<int?>(256, 300), restatement.Participants);
        Assert.Equal(TijuanaJobFair().Title, restatement.Title);
        Assert.Null(restatement.Outcome);
    }

    [Fact]
    public void an_outcome_correction_gives_the_indicator_value_before_and_after()
    {
        var restatement = Assert.Single(All(Stream(new OutcomeReported(Id, "jobfair-hired", 35, [], new Correction(CorrectionReason.Typo, null)))));

        Assert.Equal(new OutcomeChange("jobfair-hired", 33, 35), restatement.Outcome);
        Assert.Equal((CorrectionReason.Typo, (string?)null), (restatement.ReasonCode, restatement.Reason));
    }

    [Fact]
    public void a_details_correction_gives_only_the_corrected_details_before_and_after()
    {
        var changes = new DetailChanges(Title: "Second Municipal Job Fair", Location: new Location("GT", null, null, null, null));
        var restatement = Assert.Single(All(Stream(new DetailsCorrected(Id, new Correction(CorrectionReason.Reclassification, "Held across the border"), changes))));

        Assert.Equal("Second Municipal Job Fair", restatement.Title);
        Assert.Equivalent(new DetailChanges(Title: TijuanaJobFair().Title, Location: new Location("MX", "Baja California", "Tijuana", null, null)), restatement.Details!.Before, strict: true);
        Assert.Equivalent(changes, restatement.Details.After, strict: true);
    }

    [Fact]
    public void corrected_dates_cancellation_and_reopening_give_dates_and_status_before_and_after()
    {
        var stream = Stream(
            new ActivityHeld(Id, new DateOnly(2019, 2, 26), new DateOnly(2019, 2, 28), new Correction(CorrectionReason.Typo, "Started a day earlier")),
            new ActivityCancelled(Id, "Recorded twice"),
            new ActivityReopened(Id, "It was not a duplicate"));

        var (held, cancelled, reopened) = All(stream) switch { [var a, var b, var c] => (a, b, c), var other => throw new Xunit.Sdk.XunitException($"{other.Count} restatements") };

        Assert.Equal(new Change<ActualDates>(new(new DateOnly(2019, 2, 27), new DateOnly(2019, 2, 28)), new(new DateOnly(2019, 2, 26), new DateOnly(2019, 2, 28))), held.Dates);
        Assert.Equal(new Change<ActivityStatus>(ActivityStatus.Finalisation, ActivityStatus.Cancelled), cancelled.Status);
        Assert.Equal(((CorrectionReason?)null, "Recorded twice"), (cancelled.ReasonCode, cancelled.Reason));
        Assert.Equal(new Change<ActivityStatus>(ActivityStatus.Cancelled, ActivityStatus.Finalisation), reopened.Status);
    }

    [Fact]
    public void a_send_back_shows_the_review_before_and_after()
    {
        var restatement = Assert.Single(All(Stream(new SubmittedForReview(Id), new SentBack(Id, "Add the breakdown by sex"))));

        Assert.Equal(new Change<ReviewState>(ReviewState.Submitted, ReviewState.SentBack), restatement.Review);
        Assert.Equal("Add the breakdown by sex", restatement.Reason);
    }

    [Fact]
    public void only_events_within_the_window_count_but_the_fold_starts_at_the_first_event()
    {
        var stream = Stream(
            new ParticipantsReported(Id, 300, false, [], null, [], new Correction(CorrectionReason.LateData, null)),
            new ParticipantsReported(Id, 310, false, [], null, [], new Correction(CorrectionReason.LateData, null)));

        var restatement = Assert.Single(RestatingEvents.Of(stream, e => e.Version == stream.Count, _ => true));

        Assert.Equal(new Change<int?>(300, 310), restatement.Participants);
    }

    [Fact]
    public void an_activity_moved_out_of_a_country_still_shows_there_and_one_never_in_it_does_not()
    {
        var stream = Stream(new DetailsCorrected(Id, new Correction(CorrectionReason.Reclassification, null), new DetailChanges(Location: new Location("GT", null, null, null, null))));

        Assert.Single(RestatingEvents.Of(stream, _ => true, a => a.Location.CountryCode == "MX"));
        Assert.Single(RestatingEvents.Of(stream, _ => true, a => a.Location.CountryCode == "GT"));
        Assert.Empty(RestatingEvents.Of(stream, _ => true, a => a.Location.CountryCode == "CR"));
    }
}
