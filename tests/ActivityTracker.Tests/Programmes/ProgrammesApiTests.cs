using ActivityTracker.Programmes;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Programmes;

public class ProgrammesApiTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task registering_a_programme_starts_its_stream_named_by_the_code_and_serves_its_details()
    {
        var result = await Host.PostJsonAsync("/api/programmes", MesoCarib() with { Code = " meso-carib ", Countries = ["mx", "GT", "cr", "JM"] }, 201);
        var id = (await result.ReadAsJsonAsync<Wolverine.Http.CreationResponse<Guid>>())!.Value;

        Assert.Equal(ProgrammeDetails.IdFor("MESO-CARIB"), id);
        Assert.Equal("/api/programmes/MESO-CARIB", result.Context.Response.Headers.Location.ToString());
        var registered = Assert.IsType<ProgrammeRegistered>(Assert.Single(await App.EventsOfAsync(id)));
        Assert.Equivalent(MesoCarib().Decide(CodeLists.Shipped).Registered(), registered, strict: true);

        var details = (await Host.GetAsJson<ProgrammeDetails>("/api/programmes/meso-carib"))!;
        Assert.Equal((id, "MESO-CARIB", 1L), (details.Id, details.Code, details.Version));
        Assert.Equal(["MX", "GT", "CR", "JM"], details.Countries);
        Assert.Empty(details.Targets);
    }

    [Fact]
    public async Task registering_a_code_already_taken_answers_409_and_keeps_the_first()
    {
        var id = await Host.CreateAsync("/api/programmes", MesoCarib());

        var result = await Host.PostJsonAsync("/api/programmes", MesoCarib() with { Code = "Meso-Carib", NameEn = "Another" }, 409);

        Assert.Contains("already registered", (await result.ProblemAsync()).GetProperty("title").GetString());
        Assert.Single(await App.EventsOfAsync(id));
        Assert.Equal(MesoCarib().NameEn, (await App.LoadAsync<ProgrammeDetails>(id))!.NameEn);
    }

    [Fact]
    public async Task bad_input_answers_400_naming_each_field_and_stores_nothing()
    {
        var result = await Host.PostJsonAsync("/api/programmes",
            new { code = "MESO CARIB!", nameEn = new string('n', 201), countries = new[] { "MX", "XX", "mx" } }, 400);

        Assert.Equal(["code", "countries", "nameEn", "nameEs"], await result.ErrorFieldsAsync());
        Assert.Equal(0, await App.CountEventsAsync());
    }

    [Fact]
    public async Task programmes_are_listed_by_code()
    {
        await Host.CreateAsync("/api/programmes", MesoCarib());
        await Host.CreateAsync("/api/programmes", new { code = "AVR-CARAVANS", nameEn = "Returns", nameEs = "Retornos", countries = new[] { "MX", "GT" } });

        var programmes = (await Host.GetAsJson<ProgrammeDetails[]>("/api/programmes"))!;

        Assert.Equal(["AVR-CARAVANS", "MESO-CARIB"], programmes.Select(p => p.Code));
    }

    [Fact]
    public async Task an_unknown_programme_is_404_problem_details()
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/api/programmes/NOPE");
            s.StatusCodeShouldBe(404);
        });

        Assert.Contains("NOPE", (await result.ProblemAsync()).GetProperty("detail").GetString());
    }
}
