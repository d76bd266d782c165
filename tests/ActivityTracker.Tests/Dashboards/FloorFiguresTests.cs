using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Dashboards;
using ActivityTracker.Indicators;

namespace ActivityTracker.Tests.Dashboards;

// "More than 1,500 interviews": a figure that adds a floor is a floor, under every rule, and stops being one when the
// last floor leaves it (taken out, corrected to an exact value, or merged away from another cell).
public class FloorFiguresTests
{
    static readonly IReadOnlyDictionary<string, IndicatorDefinition> Indicators = new Dictionary<string, IndicatorDefinition>
    {
        ["interviews"] = Definition("interviews", AggregationRule.Sum),
        ["countries-represented"] = Definition("countries-represented", AggregationRule.MaximumPerLocation),
        ["stranded"] = Definition("stranded", AggregationRule.Latest),
    };

    static IndicatorDefinition Definition(string code, AggregationRule rule) => new(Guid.NewGuid(), code, code, code, "people", rule, [], []);

    static ReportedActivity Activity(int day, int? participants = null, bool participantsFloor = false, params OutcomeValue[] outcomes)
    {
        var id = Guid.NewGuid();
        return new ReportedActivity
        {
            Id = id,
            LastSequence = day,
            Activity = new ActivityDetails
            {
                Id = id, Kind = "survey", Title = "Survey", ActualStart = new DateOnly(2019, 5, day),
                Location = new Location("GT", null, $"Place {day}", null, null),
                Participants = participants is { } total ? new ParticipantsReport(total, participantsFloor, [], null, []) : null,
                Outcomes = outcomes,
            },
        };
    }

    static OutcomeValue Value(string indicator, decimal value, bool floor = false) => new(indicator, value, [], floor);

    [Fact]
    public void a_sum_with_one_floor_in_it_is_a_floor_until_that_report_leaves()
    {
        var exact = Activity(1, participants: 40, outcomes: Value("interviews", 300));
        var floor = Activity(2, participants: 50, participantsFloor: true, outcomes: Value("interviews", 1500, floor: true));
        var tally = FiguresTally.Of([exact, floor], Indicators);

        var figures = tally.ToFigures();
        Assert.Equal((1800m, true), (figures.Outcomes.Single().Value, figures.Outcomes.Single().IsMinimum));
        Assert.Equal((90L, true), (figures.Participants, figures.ParticipantsIsMinimum));

        // Corrected to an exact count: the figure is exact again.
        var corrected = floor with { Activity = floor.Activity with { Outcomes = [Value("interviews", 1620)], Participants = new ParticipantsReport(52, false, [], null, []) }, LastSequence = 9 };
        Assert.True(tally.Change(floor, corrected, Indicators));
        figures = tally.ToFigures();
        Assert.Equal((1920m, false), (figures.Outcomes.Single().Value, figures.Outcomes.Single().IsMinimum));
        Assert.Equal((92L, false), (figures.Participants, figures.ParticipantsIsMinimum));
        // As if added up afresh.
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(Figures.Of([exact, corrected], Indicators)), System.Text.Json.JsonSerializer.Serialize(figures));
    }

    [Fact]
    public void merged_cells_keep_the_floor_of_either()
    {
        var a = FiguresTally.Of([Activity(1, outcomes: Value("interviews", 300))], Indicators);
        a.Merge(FiguresTally.Of([Activity(2, outcomes: Value("interviews", 1500, floor: true))], Indicators));

        Assert.True(a.ToFigures().Outcomes.Single().IsMinimum);
    }

    [Fact]
    public void the_largest_report_at_a_place_and_the_latest_report_carry_their_own_floor()
    {
        var larger = Activity(3, outcomes: [Value("countries-represented", 9, floor: true), Value("stranded", 80)]);
        var later = Activity(4, outcomes: [Value("countries-represented", 4), Value("stranded", 120, floor: true)]);
        var figures = Figures.Of([larger, later], Indicators).Outcomes.ToDictionary(o => o.IndicatorCode);

        Assert.Equal((13m, true), (figures["countries-represented"].Value, figures["countries-represented"].IsMinimum));
        Assert.Equal((120m, true), (figures["stranded"].Value, figures["stranded"].IsMinimum));
        Assert.False(Figures.Of([later with { Activity = later.Activity with { Outcomes = [Value("stranded", 120)] } }], Indicators).Outcomes.Single().IsMinimum);
    }
}
