using ActivityTracker.Activities;
using ActivityTracker.Activities.Holding;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// A training held on 22 and 27 May: separate days, each once, none ahead; the first and last are its start and end.
public class SessionRulesTests
{
    static readonly Guid Id = Guid.CreateVersion7();
    static readonly DateOnly May22 = new(2019, 5, 22), May27 = new(2019, 5, 27);

    static ActivityTracker.Activities.Recording.RecordActivity Training(params SessionInput[] sessions) => PlannedMeeting() with
    {
        Kind = "training",
        PlannedStart = null,
        PlannedEnd = null,
        Sessions = sessions,
    };

    [Fact]
    public void separate_days_make_the_start_and_end_and_are_kept_in_day_order()
    {
        var events = Accepted(Training(new SessionInput(May27, "Tuxtla Gutiérrez"), new SessionInput(May22)).Decide(Id, TestCatalog, Today));

        var held = Assert.Single(events.OfType<ActivityHeld>());
        Assert.Equal((May22, (DateOnly?)May27), (held.ActualStart, held.ActualEnd));
        Assert.Equal([new Session(May22, null), new Session(May27, "Tuxtla Gutiérrez")], held.Sessions!);
        var activity = Fold([.. events]);
        Assert.Equal(2, activity.Sessions.Count);
        // Reported again without them, it is a period again.
        Assert.Empty(Fold([.. events, new ActivityHeld(Id, May22, May27, new Correction(CorrectionReason.Typo, null))]).Sessions);
    }

    [Fact]
    public void one_day_a_day_twice_a_day_ahead_or_dates_that_are_not_the_first_and_last_are_refused()
    {
        Assert.Equal(["sessions"], InvalidFields(Training(new SessionInput(May22)).Decide(Id, TestCatalog, Today)));
        Assert.Equal(["sessions[1].day"], InvalidFields(Training(new SessionInput(May22), new SessionInput(May22)).Decide(Id, TestCatalog, Today)));
        Assert.Equal(["sessions[1].day"], InvalidFields(Training(new SessionInput(May22), new SessionInput(Today.AddDays(1))).Decide(Id, TestCatalog, Today)));
        Assert.Equal(["sessions[0].day"], InvalidFields(Training(new SessionInput(null), new SessionInput(May22)).Decide(Id, TestCatalog, Today)));
        Assert.Equal(["actualEnd", "actualStart"], InvalidFields((Training(new SessionInput(May22), new SessionInput(May27)) with
        {
            ActualStart = new DateOnly(2019, 5, 21),
            ActualEnd = new DateOnly(2019, 5, 28),
        }).Decide(Id, TestCatalog, Today)));
        Assert.Equal(["sessions"], InvalidFields(Training([.. Enumerable.Range(0, 61).Select(i => new SessionInput(May22.AddDays(i)))]).Decide(Id, TestCatalog, Today)));
    }

    [Fact]
    public void reporting_an_activity_held_on_separate_days_needs_no_start_of_its_own()
    {
        var planned = Fold([.. Accepted(PlannedMeeting().Decide(Id, TestCatalog, Today))]);

        var held = Assert.IsType<ActivityHeld>(Assert.Single(Accepted(new ReportHeld(planned.Version, null, null, Sessions: [new(May22), new(May27)]).Decide(planned, Today))));

        Assert.Equal((May22, (DateOnly?)May27, 2), (held.ActualStart, held.ActualEnd, held.Sessions!.Count));
        Assert.Equal(["actualStart"], InvalidFields(new ReportHeld(planned.Version, null, null).Decide(planned, Today)));
    }
}
