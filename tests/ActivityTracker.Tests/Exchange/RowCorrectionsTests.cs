using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Exchange.Imports;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Exchange;

// A re-imported row against its activity, without a database: what counts as a change, and what an import cannot correct.
public class RowCorrectionsTests
{
    static readonly Guid Id = Guid.CreateVersion7();

    static ActivityDetails Recorded(ActivityTracker.Activities.Recording.RecordActivity report) => Fold([.. Accepted(report.Decide(Id, TestCatalog, Today))]);

    [Fact]
    public void a_list_in_another_order_is_no_change_and_a_changed_cell_says_both_values()
    {
        var report = PlannedMeeting() with { Tags = ["labour-migration", "counter-trafficking"] };
        var current = Recorded(report);

        Assert.Empty(RowCorrections.Between(current, Recorded(report with { Tags = ["counter-trafficking", "labour-migration"] })));
        Assert.Equal([new CellChange(C.Title, current.Title, "Reunión de la red, segunda sesión")],
            RowCorrections.Between(current, Recorded(report with { Title = "Reunión de la red, segunda sesión" })));
    }

    [Fact]
    public void a_change_no_correction_records_is_refused_saying_which()
    {
        var report = PlannedMeeting() with { Sources = [new SourceInput("https://example.org/nota", "Nota de prensa")] };
        var current = Recorded(report);
        var row = report with { Sources = [new SourceInput("https://example.org/nota", "Nota de prensa corregida")] };
        var proposed = Recorded(row);
        var changes = RowCorrections.Between(current, proposed);

        Assert.Equal([C.Sources], changes.Select(c => c.Column));
        Assert.Contains(C.Sources, Refusal(RowCorrections.Decide(current, proposed, row, changes, new CorrectionInput(CorrectionReason.Typo), TestCatalog, Today)));
    }
}
