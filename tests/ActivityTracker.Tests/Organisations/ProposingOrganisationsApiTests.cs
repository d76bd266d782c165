using ActivityTracker.Activities;
using ActivityTracker.Activities.Reviewing;
using ActivityTracker.Organisations;
using ActivityTracker.Organisations.Proposing;
using ActivityTracker.Tests.Dashboards;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Organisations;

/// <summary>An officer proposes a partner while logging, uses it at once, and an administrator confirms or merges it.</summary>
public class ProposingOrganisationsApiTests(AppFixture app) : DashboardTest(app)
{
    static object Pastoral(string name = "Pastoral de Movilidad Humana", string? acronym = "PMH") =>
        new { name, acronym, type = "NationalNgo", aliases = new[] { "Pastoral Social" } };

    Task<OrganisationDetails> OrganisationAsync(string code) => As(TestUsers.Officer, async () => (await Host.GetAsJson<OrganisationDetails>($"/api/organisations/{code}"))!);

    [Fact]
    public async Task an_officer_proposes_a_partner_and_names_it_at_once_and_approval_says_it_is_pending()
    {
        var result = await Host.PostJsonAsync("/api/organisations/proposals", Pastoral(), 201);

        Assert.Equal("/api/organisations/pmh", result.Context.Response.Headers.Location.ToString());
        Assert.Equivalent(new ProposedOrganisation("/api/organisations/pmh", OrganisationDetails.IdFor("pmh"), []), await result.ReadAsJsonAsync<ProposedOrganisation>(), strict: true);
        (await App.EventsOfAsync(OrganisationDetails.IdFor("pmh"))).ShouldBe(new OrganisationProposed(OrganisationDetails.IdFor("pmh"), "pmh",
            "Pastoral de Movilidad Humana", "PMH", ["Pastoral Social"], OrganisationType.NationalNgo));
        var proposed = await OrganisationAsync("pmh");
        Assert.Equal((true, TestUsers.Officer.Email, (string?)null), (proposed.IsPending, proposed.ProposedBy, proposed.IatiIdentifier));
        Assert.Equal("pmh", Assert.Single((await Host.GetAsJson<OrganisationDetails[]>("/api/organisations?q=pastoral"))!).Code);

        // Recorded by the one officer, added to another's activity by a second officer: any writer may name it.
        var (id, version) = await Host.RecordAsync(Held("meeting", "MX", Day(2019, 1, 10), participants: 12) with { Partners = [Partner("pmh")] });
        var (other, otherVersion) = await As(TestUsers.SecondOfficer, () => Host.RecordAsync(Held("training", "MX", Day(2019, 1, 11))));
        await Send(other, "partners", new { version = otherVersion, organisationCode = "PMH", role = "Funding" }, TestUsers.SecondOfficer);

        Assert.Equal([new("pmh", OrganisationRole.Implementing)], (await Host.ActivityAsync(id)).Partners);
        Assert.Equal([new("pmh", OrganisationRole.Funding)], (await Host.ActivityAsync(other)).Partners);

        // Approval is not held up by a partner awaiting confirmation; its answer names it.
        version = await Send(id, "submit", new { version });
        var approved = await As(TestUsers.Manager, async () =>
            (await (await Host.SendAsync(id, "approve", new { version })).ReadAsJsonAsync<ApprovedActivity>())!);
        Assert.Equal(version + 1, approved.Version);
        Assert.Equal(["pmh"], approved.PendingPartners);
    }

    [Theory]
    [InlineData("OIM", "'OIM' is already known as International Organization for Migration (iom); use it")]
    [InlineData("organizacion internacional para las migraciones", "is already known as International Organization for Migration (iom)")]
    [InlineData("Secretaria de Gobernacion", "is already known as Secretaría de Gobernación (segob-mx)")]
    public async Task proposing_a_name_an_organisation_is_known_by_answers_409_naming_it(string name, string why)
    {
        var before = await App.CountEventsAsync();

        var result = await Host.PostJsonAsync("/api/organisations/proposals", Pastoral(name, acronym: null), 409);

        Assert.Contains(why, (await result.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(before, await App.CountEventsAsync());
    }

    [Fact]
    public async Task a_proposal_whose_name_begins_like_another_s_is_stored_and_answered_with_the_one_it_may_duplicate()
    {
        await Host.PostJsonAsync("/api/organisations/proposals", Pastoral(), 201);

        var result = await As(TestUsers.SecondOfficer, () => Host.PostJsonAsync("/api/organisations/proposals", new { name = "Pastoral Movilidad", type = "NationalNgo" }, 201));

        var answer = (await result.ReadAsJsonAsync<ProposedOrganisation>())!;
        Assert.Equal("/api/organisations/pastoral-movilidad", answer.Url);
        Assert.Equal([new SimilarOrganisation("pmh", "Pastoral de Movilidad Humana", "PMH", true)], answer.Similar);
    }

    [Fact]
    public async Task a_proposal_with_bad_fields_answers_400_naming_each_and_a_code_taken_409()
    {
        var bad = await Host.PostJsonAsync("/api/organisations/proposals", new { name = "", acronym = new string('A', 31), code = "P M H" }, 400);
        Assert.Equal(["acronym", "code", "name", "type"], await bad.ErrorFieldsAsync());

        var taken = await Host.PostJsonAsync("/api/organisations/proposals", new { name = "Pastoral", type = "NationalNgo", code = "iom" }, 409);
        Assert.Contains("'iom' is already registered", (await taken.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task an_administrator_confirms_a_proposal_fixing_it_and_it_is_no_longer_pending()
    {
        await Host.PostJsonAsync("/api/organisations/proposals", Pastoral(), 201);

        var officer = await Host.PostJsonAsync("/api/organisations/pmh/confirm", new { version = 1 }, 403);
        Assert.Contains("admin", (await officer.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);

        await As(TestUsers.Admin, () => Host.PostJsonAsync("/api/organisations/pmh/confirm",
            new { version = 1, name = "Pastoral de la Movilidad Humana", iatiIdentifier = "GT-COR-123" }, 200));
        var again = await As(TestUsers.Admin, () => Host.PostJsonAsync("/api/organisations/pmh/confirm", new { version = 2 }, 409));

        var confirmed = await OrganisationAsync("pmh");
        Assert.Equal((false, "Pastoral de la Movilidad Humana", "PMH", "GT-COR-123", 2L),
            (confirmed.IsPending, confirmed.Name, confirmed.Acronym, confirmed.IatiIdentifier, confirmed.Version));
        Assert.Contains("not a proposal waiting", (await again.ProblemAsync()).GetProperty("detail").GetString());
        (await App.EventsOfAsync(confirmed.Id)).Skip(1).ToList().ShouldBe(new OrganisationConfirmed("Pastoral de la Movilidad Humana", "PMH", OrganisationType.NationalNgo, "GT-COR-123"));
    }

    [Fact]
    public async Task merging_a_proposal_into_a_known_organisation_moves_its_activities_figures_there()
    {
        await Host.PostJsonAsync("/api/organisations/proposals", new { name = "Organización Internacional de Migración", acronym = "OIMM", type = "Multilateral" }, 201);
        await Host.RecordAsync(Held("meeting", "MX", Day(2019, 1, 10), participants: 30) with { Partners = [Partner("oimm")] });
        await Host.RecordAsync(Held("meeting", "MX", Day(2019, 1, 12), participants: 5) with { Partners = [Partner("iom")] });
        await App.WaitForProjectionsAsync();
        Assert.Equal([("iom", 5L), ("oimm", 30L)], (await Dashboards("partners")).Select(p => (p.Key, p.AllReported.Participants)));

        await As(TestUsers.Admin, () => Host.PostJsonAsync("/api/organisations/oimm/merge", new { version = 1, intoCode = "iom", reason = "Misspelt IOM" }, 200));

        var merged = await OrganisationAsync("oimm");
        Assert.Equal((false, "iom"), (merged.IsPending, merged.MergedIntoCode));
        Assert.Equal([("iom", 2, 35L)], (await Dashboards("partners")).Select(p => (p.Key, p.AllReported.Activities, p.AllReported.Participants)));
        // A partner merged away is named by its survivor from now on.
        var named = await Host.PostJsonAsync("/api/activities", Held("meeting", "MX", Day(2019, 1, 13)) with { Partners = [Partner("oimm")] }, 400);
        Assert.Equal(["partners[0].organisationCode"], await named.ErrorFieldsAsync());
    }

    [Fact]
    public async Task an_officer_has_at_most_20_proposals_waiting()
    {
        for (var i = 1; i <= ProposeOrganisation.PendingPerUserMax; i++)
            await Host.PostJsonAsync("/api/organisations/proposals", new { name = $"Cooperativa número {i}", type = "PrivateSector" }, 201);

        var refused = await Host.PostJsonAsync("/api/organisations/proposals", Pastoral(), 409);

        Assert.Contains("already have 20 proposed organisations waiting", (await refused.ProblemAsync()).GetProperty("detail").GetString());
        Assert.False((await As(TestUsers.Officer, async () => (await Host.GetAsJson<OrganisationDetails[]>("/api/organisations?q=pastoral"))!)).Any());
        // Confirming one makes room again; another officer was never held back.
        await As(TestUsers.Admin, () => Host.PostJsonAsync("/api/organisations/cooperativa-numero-1/confirm", new { version = 1 }, 200));
        await Host.PostJsonAsync("/api/organisations/proposals", Pastoral(), 201);
        await As(TestUsers.SecondOfficer, () => Host.PostJsonAsync("/api/organisations/proposals", new { name = "Casa del Migrante", type = "NationalNgo" }, 201));
    }

    [Theory]
    [InlineData("en", "An officer proposes a new organisation instead")]
    [InlineData("es", "Un(a) oficial propone una organización nueva en su lugar")]
    public async Task an_officer_registering_an_organisation_is_told_to_propose_it_instead_in_their_language(string language, string hint)
    {
        var refused = await Host.Scenario(s =>
        {
            s.Post.Json(Iom()).ToUrl("/api/organisations");
            s.WithRequestHeader("Accept-Language", language);
            s.StatusCodeShouldBe(403);
        });

        var detail = (await refused.ProblemAsync()).GetProperty("detail").GetString()!;
        Assert.Contains(hint, detail);
        Assert.Contains("/api/organisations/proposals", detail);
    }
}
