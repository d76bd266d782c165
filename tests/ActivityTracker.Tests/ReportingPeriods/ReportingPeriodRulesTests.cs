using ActivityTracker.Decisions;
using ActivityTracker.ReportingPeriods;
using ActivityTracker.ReportingPeriods.Closing;
using ActivityTracker.ReportingPeriods.Reopening;
using JasperFx.Events;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.ReportingPeriods;

// The rules of reporting periods are pure functions: no host, no database.
public class ReportingPeriodRulesTests
{
    static readonly DateTimeOffset ClosedAt = new(2019, 4, 5, 16, 0, 0, TimeSpan.Zero);

    /// <summary>A period's state after <paramref name="events"/>, folded as the inline projection folds it.</summary>
    static ReportingPeriodDetails? Fold(params object[] events)
    {
        ReportingPeriodDetails? state = null;
        for (var i = 0; i < events.Length; i++)
        {
            var e = Event.AsEvent(events[i]);
            e.StreamId = ReportingPeriod.IdFor("2019-Q1");
            e.Version = i + 1;
            e.Timestamp = ClosedAt.AddDays(i);
            e.UserName = "manager@test.local";
            state = ReportingPeriodDetails.Fold(state, e);
        }
        return state;
    }

    static ReportingPeriodDetails ClosedQ1() => Fold(new ReportingPeriodClosed("2019-Q1", "Q1 donor report"))!;

    [Fact]
    public void closing_a_period_appends_the_close_with_the_period_upper_case_and_the_note_trimmed()
    {
        var events = Accepted(new CloseReportingPeriod("  Q1 donor report ").Decide(" 2019-q1 ", null));

        Assert.Equivalent(new[] { new ReportingPeriodClosed("2019-Q1", "Q1 donor report") }, events, strict: true);
    }

    [Fact]
    public void closing_a_closed_period_is_refused_and_says_by_whom_it_was_closed()
    {
        var refusal = Refusal(new CloseReportingPeriod(null).Decide("2019-Q1", ClosedQ1()));

        Assert.Contains("already closed", refusal);
        Assert.Contains("manager@test.local", refusal);
    }

    [Fact]
    public void a_reopened_period_can_be_closed_again()
    {
        var reopened = Fold(new ReportingPeriodClosed("2019-Q1", null), new ReportingPeriodReopened("2019-Q1", "Late returns data from Honduras"))!;

        Assert.Equivalent(new[] { new ReportingPeriodClosed("2019-Q1", null) }, Accepted(new CloseReportingPeriod(null).Decide("2019-Q1", reopened)), strict: true);
    }

    [Fact]
    public void reopening_needs_a_reason_of_at_most_500_characters()
    {
        Assert.Equal(["reason"], InvalidFields(new ReopenReportingPeriod(1, "  ").Decide(ClosedQ1())));
        Assert.Equal(["reason"], InvalidFields(new ReopenReportingPeriod(1, new string('r', 501)).Decide(ClosedQ1())));
        Assert.Equivalent(new[] { new ReportingPeriodReopened("2019-Q1", "Late returns data") },
            Accepted(new ReopenReportingPeriod(1, " Late returns data ").Decide(ClosedQ1())), strict: true);
    }

    [Fact]
    public void reopening_an_open_period_is_refused()
    {
        var reopened = Fold(new ReportingPeriodClosed("2019-Q1", null), new ReportingPeriodReopened("2019-Q1", "Late data"))!;

        Assert.Contains("not closed", Refusal(new ReopenReportingPeriod(2, "Again").Decide(reopened)));
    }

    [Fact]
    public void a_note_longer_than_500_characters_is_invalid()
    {
        Assert.Equal(["note"], InvalidFields(new CloseReportingPeriod(new string('n', 501)).Decide("2019", null)));
    }

    [Theory]
    [InlineData("2019", "2019")]
    [InlineData("2019-Q1", "2019-Q1")]
    [InlineData(" 2020-q4 ", "2020-Q4")]
    [InlineData("1999-Q2", "1999-Q2")]
    public void a_period_is_a_year_or_a_quarter_in_any_case(string written, string stored)
    {
        var errors = new FieldErrors();

        Assert.Equal(stored, errors.Period("period", written));
        Assert.True(errors.IsEmpty);
        Assert.Equal(ReportingPeriod.IdFor(stored), ReportingPeriod.IdFor(written));
    }

    [Theory]
    [InlineData("2019-Q5")]
    [InlineData("2019Q1")]
    [InlineData("19")]
    [InlineData("2019-03")]
    [InlineData("2100")]
    [InlineData("")]
    public void anything_else_is_not_a_period_and_closing_it_names_the_field(string written)
    {
        Assert.Equal(["period"], InvalidFields(new CloseReportingPeriod(null).Decide(written, null)));
    }

    [Fact]
    public void the_state_says_who_closed_it_and_when_and_a_reopen_clears_that_and_keeps_why()
    {
        var closed = ClosedQ1();
        Assert.Equal((true, ClosedAt, "manager@test.local", "Q1 donor report", 1L), (closed.Closed, closed.ClosedAt, closed.ClosedBy, closed.Note, closed.Version));

        var reopened = Fold(new ReportingPeriodClosed("2019-Q1", "Q1 donor report"), new ReportingPeriodReopened("2019-Q1", "Late data"))!;
        Assert.Equal((false, (DateTimeOffset?)null, (string?)null, ClosedAt.AddDays(1), "Late data", 2L),
            (reopened.Closed, reopened.ClosedAt, reopened.ClosedBy, reopened.ReopenedAt, reopened.ReopenReason, reopened.Version));
    }
}
