using ActivityTracker.Commands;
using ActivityTracker.Organisations;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Organisations;

public class OrganisationsApiTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task registering_an_organisation_starts_its_stream_named_by_the_code_and_serves_its_details()
    {
        var result = await Host.PostJsonAsync("/api/organisations", Iom() with { Code = "IOM", Acronym = " IOM " }, 201);
        var id = (await result.ReadAsJsonAsync<Wolverine.Http.CreationResponse<Guid>>())!.Value;

        Assert.Equal(OrganisationDetails.IdFor("iom"), id);
        Assert.Equal("/api/organisations/iom", result.Context.Response.Headers.Location.ToString());
        (await App.EventsOfAsync(id)).ShouldBe(Iom().Decide().Registered());

        var iom = (await Host.GetAsJson<OrganisationDetails>("/api/organisations/IOM"))!;
        Assert.Equal((id, "iom", "IOM", "XM-DAC-47066", OrganisationType.Multilateral, (string?)null, 1L),
            (iom.Id, iom.Code, iom.Acronym, iom.IatiIdentifier, iom.Type, iom.MergedIntoCode, iom.Version));
        Assert.Equal(["Organización Internacional para las Migraciones", "OIM"], iom.Aliases);
    }

    [Fact]
    public async Task registering_a_code_already_taken_answers_409()
    {
        var id = await Host.CreateAsync("/api/organisations", Iom());

        var result = await Host.PostJsonAsync("/api/organisations", Iom() with { Name = "Another" }, 409);

        Assert.Contains("already registered", (await result.ProblemAsync()).GetProperty("title").GetString());
        Assert.Single(await App.EventsOfAsync(id));
    }

    [Fact]
    public async Task bad_input_answers_400_naming_each_field_and_stores_nothing()
    {
        var result = await Host.PostJsonAsync("/api/organisations",
            new { code = "I", name = "", acronym = new string('a', 31), aliases = new[] { "OIM", "oim" }, iatiIdentifier = "47066", type = 99 }, 400);

        Assert.Equal(["acronym", "aliases", "code", "iatiIdentifier", "name", "type"], await result.ErrorFieldsAsync());
        Assert.Equal(0, await App.CountEventsAsync());
    }

    [Fact]
    public async Task a_type_that_is_not_an_iati_type_name_answers_400_naming_it()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Text("""{"code":"iom","name":"IOM","type":"Charity"}""").ToUrl("/api/organisations");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal(["type"], await result.ErrorFieldsAsync());
    }

    [Theory]
    [InlineData("gobernación", "segob-mx")]
    [InlineData("segob", "segob-mx")]
    [InlineData("upm", "segob-mx")]
    [InlineData("OIM", "iom")]
    [InlineData("migra", "iom,segob-mx")]
    [InlineData("nobody", "")]
    public async Task searching_matches_name_acronym_or_alias_ignoring_case(string q, string codes)
    {
        await Host.CreateAsync("/api/organisations", Iom());
        await Host.CreateAsync("/api/organisations", Segob());

        var found = (await Host.GetAsJson<OrganisationDetails[]>($"/api/organisations?q={Uri.EscapeDataString(q)}"))!;

        Assert.Equal(codes, string.Join(",", found.Select(o => o.Code)));
    }

    [Fact]
    public async Task a_search_longer_than_any_name_is_400_naming_q()
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/organisations?q={new string('a', ActivityTracker.Organisations.Listing.ListOrganisationsEndpoint.SearchMaxLength + 1)}");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal(["q"], await result.ErrorFieldsAsync());
    }

    [Fact]
    public async Task without_a_query_every_organisation_is_listed_by_name()
    {
        await Host.CreateAsync("/api/organisations", Segob());
        await Host.CreateAsync("/api/organisations", Iom());

        var all = (await Host.GetAsJson<OrganisationDetails[]>("/api/organisations"))!;

        Assert.Equal(["iom", "segob-mx"], all.Select(o => o.Code));
    }

    [Fact]
    public async Task an_unknown_organisation_is_404_problem_details()
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/api/organisations/nobody");
            s.StatusCodeShouldBe(404);
        });

        Assert.Contains("nobody", (await result.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task adding_an_alias_appends_it_and_search_finds_it()
    {
        var id = await Host.CreateAsync("/api/organisations", Segob());

        var result = await Host.PostJsonAsync("/api/organisations/segob-mx/aliases", new { version = 1, alias = " Ministry of the Interior " }, 200);

        Assert.Equal(new CommandAccepted(id, 2), await result.ReadAsJsonAsync<CommandAccepted>());
        (await App.EventsOfAsync(id)).ShouldBe(Segob().Decide().Registered(), new OrganisationAliasAdded("Ministry of the Interior"));
        var found = Assert.Single((await Host.GetAsJson<OrganisationDetails[]>("/api/organisations?q=interior"))!);
        Assert.Equal(("segob-mx", 2L), (found.Code, found.Version));
    }

    [Fact]
    public async Task an_alias_it_is_already_known_by_answers_409()
    {
        var id = await Host.CreateAsync("/api/organisations", Segob());

        await Host.PostJsonAsync("/api/organisations/segob-mx/aliases", new { version = 1, alias = "upm" }, 409);

        Assert.Single(await App.EventsOfAsync(id));
    }

    [Fact]
    public async Task bad_or_stale_alias_requests_store_nothing()
    {
        var id = await Host.CreateAsync("/api/organisations", Segob());
        await Host.PostJsonAsync("/api/organisations/segob-mx/aliases", new { version = 1, alias = "Gobernación" }, 200);

        var blank = await Host.PostJsonAsync("/api/organisations/segob-mx/aliases", new { version = 2, alias = " " }, 400);
        var stale = await Host.PostJsonAsync("/api/organisations/segob-mx/aliases", new { version = 1, alias = "SG" }, 409);
        await Host.PostJsonAsync("/api/organisations/nobody/aliases", new { version = 1, alias = "SG" }, 404);

        Assert.Equal(["alias"], await blank.ErrorFieldsAsync());
        Assert.Equal(2, (await stale.ProblemAsync()).GetProperty("currentVersion").GetInt64());
        Assert.Equal(2, (await App.EventsOfAsync(id)).Count);
    }
}
