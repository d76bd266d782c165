using ActivityTracker.Commands;
using ActivityTracker.Programmes;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Programmes;

public class ProgrammeTargetsApiTests(AppFixture app) : AppTest(app)
{
    const string Targets = "/api/programmes/MESO-CARIB/targets";

    async Task<Guid> GivenMesoCaribAndJobfairHiredAsync()
    {
        await Host.CreateAsync("/api/indicators", JobfairHired());
        return await Host.CreateAsync("/api/programmes", MesoCarib());
    }

    [Fact]
    public async Task setting_then_revising_a_target_appends_both_facts_and_shows_the_current_value()
    {
        var id = await GivenMesoCaribAndJobfairHiredAsync();

        var set = await Host.PostJsonAsync(Targets, new { version = 1, indicatorCode = "JOBFAIR-HIRED", period = "2019", value = 30 }, 200);
        Assert.Equal(new CommandAccepted(id, 2), await set.ReadAsJsonAsync<CommandAccepted>());
        await Host.PostJsonAsync(Targets, new { version = 2, indicatorCode = "jobfair-hired", period = "2019", value = 40, reason = "Two more municipalities joined" }, 200);
        await Host.PostJsonAsync(Targets, new { version = 3, indicatorCode = "jobfair-hired", period = "2019-q1", value = 10 }, 200);

        (await App.EventsOfAsync(id)).ShouldBe(
            MesoCarib().Decide(CodeLists.Shipped).Registered(),
            new ProgrammeTargetSet("jobfair-hired", "2019", 30, null),
            new ProgrammeTargetRevised("jobfair-hired", "2019", 40, "Two more municipalities joined"),
            new ProgrammeTargetSet("jobfair-hired", "2019-Q1", 10, null));

        var details = (await Host.GetAsJson<ProgrammeDetails>("/api/programmes/MESO-CARIB"))!;
        Assert.Equal(4, details.Version);
        Assert.Equal([new ProgrammeTarget("jobfair-hired", "2019", 40), new ProgrammeTarget("jobfair-hired", "2019-Q1", 10)], details.Targets);
    }

    [Fact]
    public async Task revising_a_target_requires_a_reason()
    {
        var id = await GivenMesoCaribAndJobfairHiredAsync();
        await Host.PostJsonAsync(Targets, new { version = 1, indicatorCode = "jobfair-hired", period = "2019", value = 30 }, 200);

        var result = await Host.PostJsonAsync(Targets, new { version = 2, indicatorCode = "jobfair-hired", period = "2019", value = 40 }, 400);

        Assert.Equal(["reason"], await result.ErrorFieldsAsync());
        Assert.Equal(2, (await App.EventsOfAsync(id)).Count);
    }

    [Fact]
    public async Task bad_input_answers_400_naming_each_field_and_stores_nothing()
    {
        var id = await GivenMesoCaribAndJobfairHiredAsync();

        var result = await Host.PostJsonAsync(Targets, new { version = 1, indicatorCode = "Job Fair", period = "2019-Q5", value = -1, reason = new string('r', 501) }, 400);

        Assert.Equal(["indicatorCode", "period", "reason", "value"], await result.ErrorFieldsAsync());
        Assert.Single(await App.EventsOfAsync(id));
    }

    [Fact]
    public async Task a_body_with_only_its_version_answers_400_naming_every_missing_field()
    {
        var id = await GivenMesoCaribAndJobfairHiredAsync();

        var result = await Host.PostJsonAsync(Targets, new { version = 1 }, 400);

        Assert.Equal(["indicatorCode", "period", "value"], await result.ErrorFieldsAsync());
        Assert.Single(await App.EventsOfAsync(id));
    }

    [Fact]
    public async Task a_target_for_an_indicator_that_is_not_defined_answers_400()
    {
        var id = await Host.CreateAsync("/api/programmes", MesoCarib());

        var result = await Host.PostJsonAsync(Targets, new { version = 1, indicatorCode = "jobfair-hired", period = "2019", value = 30 }, 400);

        Assert.Equal(["indicatorCode"], await result.ErrorFieldsAsync());
        Assert.Single(await App.EventsOfAsync(id));
    }

    [Fact]
    public async Task a_stale_version_answers_409_with_the_current_one_and_stores_nothing()
    {
        var id = await GivenMesoCaribAndJobfairHiredAsync();
        await Host.PostJsonAsync(Targets, new { version = 1, indicatorCode = "jobfair-hired", period = "2019", value = 30 }, 200);

        var result = await Host.PostJsonAsync(Targets, new { version = 1, indicatorCode = "jobfair-hired", period = "2020", value = 30 }, 409);

        Assert.Equal(2, (await result.ProblemAsync()).GetProperty("currentVersion").GetInt64());
        Assert.Equal(2, (await App.EventsOfAsync(id)).Count);
    }

    [Fact]
    public async Task a_missing_version_answers_400_naming_it()
    {
        await GivenMesoCaribAndJobfairHiredAsync();

        var result = await Host.PostJsonAsync(Targets, new { indicatorCode = "jobfair-hired", period = "2019", value = 30 }, 400);

        Assert.Equal(["version"], await result.ErrorFieldsAsync());
    }

    [Fact]
    public async Task a_target_of_an_unknown_programme_is_404()
    {
        await Host.CreateAsync("/api/indicators", JobfairHired());

        await Host.PostJsonAsync("/api/programmes/NOPE/targets", new { version = 1, indicatorCode = "jobfair-hired", period = "2019", value = 30 }, 404);

        Assert.Equal(1, await App.CountEventsAsync());
    }
}
