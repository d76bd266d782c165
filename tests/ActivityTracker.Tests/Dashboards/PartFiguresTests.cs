using System.Text.Json;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Dashboards;
using ActivityTracker.Indicators;

namespace ActivityTracker.Tests.Dashboards;

// Parts along defined dimensions add up like the figure they are parts of, kept incrementally like the sex/age splits;
// what the parts of a dimension leave of the figure is "not stated".
public class PartFiguresTests
{
    static readonly IReadOnlyDictionary<string, IndicatorDefinition> Indicators = new Dictionary<string, IndicatorDefinition>
    {
        ["people-trained"] = new(Guid.NewGuid(), "people-trained", "Trained", "Capacitadas", "people", AggregationRule.Sum, [], []),
        ["countries-represented"] = new(Guid.NewGuid(), "countries-represented", "Countries", "Países", "countries", AggregationRule.MaximumPerLocation, [], []),
    };

    static ReportedActivity Training(int day, int participants, Part[] participantParts, params OutcomeValue[] outcomes)
    {
        var id = Guid.NewGuid();
        return new ReportedActivity
        {
            Id = id,
            LastSequence = day,
            Activity = new ActivityDetails
            {
                Id = id, Kind = "training", Title = "Training", ActualStart = new DateOnly(2025, 5, day),
                Location = new Location("MX", null, "Tapachula", null, null),
                Participants = new ParticipantsReport(participants, false, [], null, [], participantParts),
                Outcomes = outcomes,
            },
        };
    }

    static OutcomeValue Trained(decimal value, params Part[] parts) => new("people-trained", value, [], Parts: parts);

    static Part Inm(decimal value) => new("institution", "inm-mx", value);

    static string Json(Figures figures) => JsonSerializer.Serialize(figures);

    [Fact]
    public void parts_add_up_and_what_they_leave_is_not_stated()
    {
        // 45 of 80 from the institute, then 10 of 30, then a training that says nothing of where people came from.
        var figures = Figures.Of([
            Training(22, 80, [Inm(45)], Trained(80, Inm(45))),
            Training(23, 30, [Inm(10), new("institution", "iom", 5)], Trained(30, Inm(10))),
            Training(24, 20, [], Trained(20)),
        ], Indicators);

        Assert.Equal([new Part("institution", "inm-mx", 55)], figures.Outcomes.Single().Parts);
        var (dimension, parts, notStated) = Part.ByDimension(figures.Outcomes.Single().Parts, figures.Outcomes.Single().Value!.Value).Single();
        Assert.Equal(("institution", 55m, 75m), (dimension, parts.Sum(p => p.Value), notStated));
        Assert.Equal([new Part("institution", "inm-mx", 55), new Part("institution", "iom", 5)],
            figures.ParticipantParts.OrderByDescending(p => p.Value));
        Assert.Equal(130m - 60m, Part.ByDimension(figures.ParticipantParts, figures.Participants).Single().NotStated);
    }

    [Fact]
    public void a_maximum_per_location_carries_the_parts_of_the_report_it_counts()
    {
        var small = Training(22, 0, [], new OutcomeValue("countries-represented", 5, [], Parts: [Inm(2)]));
        var large = Training(23, 0, [], new OutcomeValue("countries-represented", 9, [], Parts: [Inm(4)]));

        Assert.Equal([Inm(4)], Figures.Of([small, large], Indicators).Outcomes.Single().Parts);
    }

    [Fact]
    public void taking_out_changing_and_merging_give_the_parts_added_up_afresh()
    {
        var a = Training(22, 80, [Inm(45)], Trained(80, Inm(45)));
        var b = Training(23, 30, [Inm(10)], Trained(30, Inm(10)));
        var c = Training(24, 20, [Inm(20)], Trained(20, Inm(20)));
        var tally = FiguresTally.Of([a, b, c], Indicators);

        var corrected = b with
        {
            Activity = b.Activity with { Outcomes = [Trained(30, Inm(12))], Participants = b.Activity.Participants! with { Parts = [Inm(12)] } },
            LastSequence = 9,
        };
        Assert.True(tally.Change(b, corrected, Indicators));
        Assert.True(tally.Change(c, null, Indicators));
        Assert.Equal(Json(Figures.Of([a, corrected], Indicators)), Json(tally.ToFigures()));
        Assert.Equal([Inm(57)], tally.ToFigures().Outcomes.Single().Parts);
        Assert.Equal([Inm(57)], tally.ToFigures().ParticipantParts);

        var merged = FiguresTally.Of([a], Indicators);
        merged.Merge(FiguresTally.Of([corrected], Indicators));
        Assert.Equal(Json(Figures.Of([a, corrected], Indicators)), Json(merged.ToFigures()));

        // The last report with parts taken out leaves none behind.
        Assert.True(tally.Change(corrected, null, Indicators));
        Assert.True(tally.Change(a, a with { Activity = a.Activity with { Outcomes = [Trained(80)], Participants = a.Activity.Participants! with { Parts = [] } }, LastSequence = 10 }, Indicators));
        Assert.Empty(tally.ToFigures().Outcomes.Single().Parts);
        Assert.Empty(tally.ToFigures().ParticipantParts);
    }
}
