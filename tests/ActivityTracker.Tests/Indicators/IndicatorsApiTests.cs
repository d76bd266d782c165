using ActivityTracker.Commands;
using ActivityTracker.Indicators;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Indicators;

public class IndicatorsApiTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task defining_an_indicator_starts_its_stream_named_by_the_code_and_serves_its_definition()
    {
        var result = await Host.PostJsonAsync("/api/indicators", JobfairHired() with { Code = "JobFair-Hired", Kinds = ["JOB-FAIR"] }, 201);
        var id = (await result.ReadAsJsonAsync<Wolverine.Http.CreationResponse<Guid>>())!.Value;

        Assert.Equal(IndicatorDefinition.IdFor("jobfair-hired"), id);
        Assert.Equal("/api/indicators/jobfair-hired", result.Context.Response.Headers.Location.ToString());
        (await App.EventsOfAsync(id)).ShouldBe(JobfairHired().Decide(CodeLists.Shipped.SeededKinds).Registered());

        var indicator = (await Host.GetAsJson<IndicatorDefinition>("/api/indicators/JOBFAIR-HIRED"))!;
        Assert.Equal((id, "jobfair-hired", "people", AggregationRule.Sum, 1L), (indicator.Id, indicator.Code, indicator.Unit, indicator.Aggregation, indicator.Version));
        Assert.Equal([Breakdown.Sex, Breakdown.Age, Breakdown.Country], indicator.Breakdowns);
        Assert.Equal(["job-fair"], indicator.Kinds);
    }

    [Fact]
    public async Task enums_travel_as_names()
    {
        await Host.CreateAsync("/api/indicators", JobfairHired());

        var json = await (await Host.Scenario(s => s.Get.Url("/api/indicators/jobfair-hired"))).ReadAsTextAsync();

        Assert.Contains("\"aggregation\":\"Sum\"", json);
        Assert.Contains("\"breakdowns\":[\"Sex\",\"Age\",\"Country\"]", json);
    }

    [Fact]
    public async Task defining_a_code_already_taken_answers_409()
    {
        var id = await Host.CreateAsync("/api/indicators", JobfairHired());

        var result = await Host.PostJsonAsync("/api/indicators", JobfairHired() with { Unit = "persons" }, 409);

        Assert.Contains("already registered", (await result.ProblemAsync()).GetProperty("title").GetString());
        Assert.Single(await App.EventsOfAsync(id));
    }

    [Fact]
    public async Task bad_input_answers_400_naming_each_field_and_stores_nothing()
    {
        var result = await Host.PostJsonAsync("/api/indicators",
            new { code = "x", nameEn = "", nameEs = new string('n', 201), breakdowns = new[] { "Sex", "Sex" }, kinds = new[] { "picnic" } }, 400);

        Assert.Equal(["aggregation", "breakdowns", "code", "kinds", "nameEn", "nameEs", "unit"], await result.ErrorFieldsAsync());
        Assert.Equal(0, await App.CountEventsAsync());
    }

    [Theory]
    [InlineData("""{"code":"a-b","nameEn":"A","nameEs":"A","unit":"people","aggregation":"Average"}""", "aggregation")]
    [InlineData("""{"code":"a-b","nameEn":"A","nameEs":"A","unit":"people","aggregation":"Sum","breakdowns":["Religion"]}""", "breakdowns[0]")]
    public async Task an_unknown_enum_value_answers_400_naming_the_field(string body, string field)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl("/api/indicators");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal([field], await result.ErrorFieldsAsync());
        Assert.Equal(0, await App.CountEventsAsync());
    }

    [Fact]
    public async Task revising_an_indicator_appends_the_new_definition_and_keeps_what_was_left_out()
    {
        var id = await Host.CreateAsync("/api/indicators", JobfairHired());

        var result = await Host.PostJsonAsync("/api/indicators/jobfair-hired/revise",
            new { version = 1, unit = "persons", kinds = new[] { "job-fair", "campaign" }, aggregation = "Latest", reason = "Municipalities now report running totals" }, 200);

        Assert.Equal(new CommandAccepted(id, 2), await result.ReadAsJsonAsync<CommandAccepted>());
        (await App.EventsOfAsync(id)).ShouldBe(
            JobfairHired().Decide(CodeLists.Shipped.SeededKinds).Registered(),
            new IndicatorRevised(JobfairHired().NameEn!, JobfairHired().NameEs!, "persons", AggregationRule.Latest,
                [Breakdown.Sex, Breakdown.Age, Breakdown.Country], ["job-fair", "campaign"], "Municipalities now report running totals"));
        var indicator = (await Host.GetAsJson<IndicatorDefinition>("/api/indicators/jobfair-hired"))!;
        Assert.Equal(("persons", AggregationRule.Latest, 2L), (indicator.Unit, indicator.Aggregation, indicator.Version));
        Assert.Equal(["job-fair", "campaign"], indicator.Kinds);
    }

    [Fact]
    public async Task changing_the_aggregation_rule_requires_a_reason()
    {
        var id = await Host.CreateAsync("/api/indicators", JobfairHired());

        var result = await Host.PostJsonAsync("/api/indicators/jobfair-hired/revise", new { version = 1, aggregation = "Latest" }, 400);

        Assert.Equal(["reason"], await result.ErrorFieldsAsync());
        Assert.Single(await App.EventsOfAsync(id));
    }

    [Fact]
    public async Task a_revision_that_changes_nothing_answers_409()
    {
        var id = await Host.CreateAsync("/api/indicators", JobfairHired());

        await Host.PostJsonAsync("/api/indicators/jobfair-hired/revise", new { version = 1, unit = "people" }, 409);

        Assert.Single(await App.EventsOfAsync(id));
    }

    [Fact]
    public async Task revising_with_a_stale_version_answers_409_and_stores_nothing()
    {
        var id = await Host.CreateAsync("/api/indicators", JobfairHired());
        await Host.PostJsonAsync("/api/indicators/jobfair-hired/revise", new { version = 1, nameEn = "People hired" }, 200);

        var result = await Host.PostJsonAsync("/api/indicators/jobfair-hired/revise", new { version = 1, unit = "persons" }, 409);

        Assert.Equal(2, (await result.ProblemAsync()).GetProperty("currentVersion").GetInt64());
        Assert.Equal(2, (await App.EventsOfAsync(id)).Count);
    }

    [Fact]
    public async Task bad_revisions_answer_400_naming_each_field()
    {
        await Host.CreateAsync("/api/indicators", JobfairHired());

        var result = await Host.PostJsonAsync("/api/indicators/jobfair-hired/revise", new { version = 1, nameEs = " ", unit = new string('u', 51), kinds = new[] { "picnic" } }, 400);

        Assert.Equal(["kinds", "nameEs", "unit"], await result.ErrorFieldsAsync());
        Assert.Equal(1, await App.CountEventsAsync());
    }

    [Fact]
    public async Task unknown_indicators_are_404()
    {
        await Host.PostJsonAsync("/api/indicators/nope/revise", new { version = 1, unit = "persons" }, 404);
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/indicators/nope");
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }

    [Fact]
    public async Task indicators_are_listed_by_code()
    {
        await Host.CreateAsync("/api/indicators", JobfairHired());
        await Host.CreateAsync("/api/indicators", JobfairHired() with { Code = "countries-represented", Aggregation = AggregationRule.MaximumPerLocation, Kinds = [] });

        var indicators = (await Host.GetAsJson<IndicatorDefinition[]>("/api/indicators"))!;

        Assert.Equal(["countries-represented", "jobfair-hired"], indicators.Select(i => i.Code));
    }
}
