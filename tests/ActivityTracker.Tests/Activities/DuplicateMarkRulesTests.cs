using ActivityTracker.Activities;
using ActivityTracker.Activities.Duplicates;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Dashboards;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// The rules of a duplicate mark, without a database: what it needs, what it refuses, and that a marked activity is in no slice.
public class DuplicateMarkRulesTests
{
    static readonly Guid Id = Guid.CreateVersion7();
    static readonly Guid OriginalId = Guid.CreateVersion7();
    static readonly ActivityDetails Activity = Fold([.. Accepted(PlannedMeeting().Decide(Id, TestCatalog, Today))]);
    static readonly ActivityDetails Original = Activity with { Id = OriginalId };

    static MarkDuplicate Mark(Guid? original, string? reason = "Recorded twice") => new(Activity.Version, original, reason);

    [Fact]
    public void a_mark_names_a_readable_original_that_counts_and_a_reason()
    {
        Assert.Equal(new MarkedDuplicate(Id, OriginalId, "Recorded twice"), Assert.Single(Accepted(Mark(OriginalId).Decide(Activity, Original))));
        Assert.Equal(["originalId", "reason"], InvalidFields(Mark(null, " ").Decide(Activity, null)));
        Assert.Equal(["originalId"], InvalidFields(Mark(Id).Decide(Activity, null)));
        Assert.Equal(["originalId"], InvalidFields(Mark(OriginalId).Decide(Activity, null)));
        Assert.Equal(["originalId"], InvalidFields(Mark(OriginalId).Decide(Activity, Original with { DuplicateOf = Guid.NewGuid() })));
        Assert.Equal(["originalId"], InvalidFields(Mark(OriginalId).Decide(Activity, Original with { IsCancelled = true })));
    }

    [Fact]
    public void a_marked_or_cancelled_activity_is_not_marked_and_an_unmarked_one_is_not_unmarked()
    {
        var marked = Fold([.. Accepted(PlannedMeeting().Decide(Id, TestCatalog, Today)), new MarkedDuplicate(Id, OriginalId, "Recorded twice")]);
        Assert.Contains(OriginalId.ToString(), Refusal(Mark(OriginalId).Decide(marked, Original)));
        Assert.NotEmpty(Refusal(Mark(OriginalId).Decide(Activity with { IsCancelled = true }, Original)));
        Assert.NotEmpty(Refusal(new RemoveDuplicateMark(1, "Two").Decide(Activity)));
        Assert.Equal(new DuplicateMarkRemoved(Id, OriginalId, "Two trainings"), Assert.Single(Accepted(new RemoveDuplicateMark(2, "Two trainings").Decide(marked))));
    }

    [Fact]
    public void a_duplicate_is_in_no_slice_and_adds_to_no_figure()
    {
        var events = Accepted(PlannedMeeting().Decide(Id, TestCatalog, Today)).Append(new MarkedDuplicate(Id, OriginalId, "Recorded twice"));
        ReportedActivity? reported = null;
        var sequence = 0;
        foreach (var data in events)
        {
            var e = JasperFx.Events.Event.For(data);
            e.StreamId = Id;
            e.Sequence = ++sequence;
            reported = ReportedActivity.Fold(reported, e);
        }

        Assert.Empty(reported!.Keys);
        Assert.Equal((0, 0), (Figures.Of([reported], new Dictionary<string, ActivityTracker.Indicators.IndicatorDefinition>()).Activities,
            Figures.Of([reported], new Dictionary<string, ActivityTracker.Indicators.IndicatorDefinition>()).Cancelled));
    }
}
