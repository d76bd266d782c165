using ActivityTracker.Commands;
using ActivityTracker.Organisations;
using Alba;
using Marten;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Organisations;

public class MergingOrganisationsApiTests(AppFixture app) : AppTest(app)
{
    const string Reason = "Merged into SEGOB by the 2019 reorganisation";

    [Fact]
    public async Task merging_records_the_merge_on_both_streams_and_the_survivor_takes_the_names()
    {
        var upmId = await Host.CreateAsync("/api/organisations", Upm());
        var segobId = await Host.CreateAsync("/api/organisations", Segob());

        var result = await Host.PostJsonAsync("/api/organisations/upm-mx/merge", new { version = 1, intoCode = "SEGOB-MX", reason = Reason }, 200);

        Assert.Equal(new CommandAccepted(upmId, 2), await result.ReadAsJsonAsync<CommandAccepted>());
        (await App.EventsOfAsync(upmId)).ShouldBe(Upm().Decide().Registered(), new OrganisationMerged("segob-mx", Reason));
        (await App.EventsOfAsync(segobId)).ShouldBe(Segob().Decide().Registered(),
            new OrganisationAbsorbed("upm-mx", Upm().Name!, "UPMRIP", ["Migration Policy Unit"], Reason));

        var upm = (await Host.GetAsJson<OrganisationDetails>("/api/organisations/upm-mx"))!;
        Assert.Equal(("segob-mx", 2L), (upm.MergedIntoCode, upm.Version));
        var segob = (await Host.GetAsJson<OrganisationDetails>("/api/organisations/segob-mx"))!;
        Assert.Equal(((string?)null, 2L), (segob.MergedIntoCode, segob.Version));
        Assert.Equal(["Unidad de Política Migratoria", "UPM", Upm().Name!, "UPMRIP", "Migration Policy Unit"], segob.Aliases);
    }

    [Fact]
    public async Task both_streams_change_in_one_transaction()
    {
        await Host.CreateAsync("/api/organisations", Upm());
        await Host.CreateAsync("/api/organisations", Segob());

        await Host.PostJsonAsync("/api/organisations/upm-mx/merge", new { version = 1, intoCode = "segob-mx", reason = Reason }, 200);

        await using var session = App.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.Version == 2).ToListAsync();
        Assert.Equal(2, events.Count);
        Assert.Single(events.Select(e => e.CorrelationId).Distinct());
        Assert.Equal(events[0].Sequence + 1, events[1].Sequence);
    }

    [Fact]
    public async Task per_partner_figures_resolve_a_merged_code_to_its_survivor_through_every_merge()
    {
        await Host.CreateAsync("/api/organisations", Upm());
        await Host.CreateAsync("/api/organisations", Segob());
        await Host.CreateAsync("/api/organisations", Iom());
        await Host.PostJsonAsync("/api/organisations/upm-mx/merge", new { version = 1, intoCode = "segob-mx", reason = Reason }, 200);
        await Host.PostJsonAsync("/api/organisations/segob-mx/merge", new { version = 2, intoCode = "iom", reason = "Only to test a chain" }, 200);

        await using var session = App.Store.QuerySession();
        Assert.Equal("iom", await OrganisationDirectory.ResolveAsync(session, "UPM-MX", CancellationToken.None));
        Assert.Equal("iom", await OrganisationDirectory.ResolveAsync(session, "segob-mx", CancellationToken.None));
        Assert.Equal("iom", await OrganisationDirectory.ResolveAsync(session, "iom", CancellationToken.None));
        Assert.Null(await OrganisationDirectory.ResolveAsync(session, "nobody", CancellationToken.None));
    }

    // Given: upm-mx already merged into iom (now at version 2); segob-mx on its own (version 1).
    public static TheoryData<string, string, string> IllegalMerges => new()
    {
        { "segob-mx", "SEGOB-MX", "cannot be merged into itself" },
        { "segob-mx", "nobody", "no organisation 'nobody'" },
        { "segob-mx", "upm-mx", "'upm-mx' was itself merged into 'iom'" },
        { "upm-mx", "segob-mx", "'upm-mx' was already merged into 'iom'" },
    };

    [Theory]
    [MemberData(nameof(IllegalMerges))]
    public async Task an_illegal_merge_answers_409_and_stores_nothing(string code, string intoCode, string why)
    {
        await Host.CreateAsync("/api/organisations", Upm());
        await Host.CreateAsync("/api/organisations", Segob());
        await Host.CreateAsync("/api/organisations", Iom());
        await Host.PostJsonAsync("/api/organisations/upm-mx/merge", new { version = 1, intoCode = "iom", reason = Reason }, 200);
        var before = await App.CountEventsAsync();

        var result = await Host.PostJsonAsync($"/api/organisations/{code}/merge", new { version = code == "upm-mx" ? 2 : 1, intoCode, reason = Reason }, 409);

        Assert.Contains(why, (await result.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(before, await App.CountEventsAsync());
    }

    [Fact]
    public async Task bad_stale_or_unknown_merges_store_nothing()
    {
        await Host.CreateAsync("/api/organisations", Upm());
        await Host.CreateAsync("/api/organisations", Segob());

        var bad = await Host.PostJsonAsync("/api/organisations/upm-mx/merge", new { version = 1, intoCode = "SEGOB MX" }, 400);
        var stale = await Host.PostJsonAsync("/api/organisations/upm-mx/merge", new { version = 0, intoCode = "segob-mx", reason = Reason }, 409);
        await Host.PostJsonAsync("/api/organisations/nobody/merge", new { version = 1, intoCode = "segob-mx", reason = Reason }, 404);

        Assert.Equal(["intoCode", "reason"], await bad.ErrorFieldsAsync());
        Assert.Equal(1, (await stale.ProblemAsync()).GetProperty("currentVersion").GetInt64());
        Assert.Equal(2, await App.CountEventsAsync());
    }
}
