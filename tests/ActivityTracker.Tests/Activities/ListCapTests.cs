using ActivityTracker.Activities;
using ActivityTracker.Indicators;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// Issue 15, item 9: a 650 KB body with 15,000 sources took 6 s and appended 15,000 events. Every list a command takes
// is capped: over it, 400 naming the list, and nothing is appended.
[Trait("Category", "Security")]
public class ListCapTests(AppFixture app) : ActivityTest(app)
{
    static object[] Many(int count, Func<int, object> item) => [.. Enumerable.Range(0, count).Select(item)];

    async Task<IReadOnlyList<string>> RefusedAsync(string url, object body)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.StatusCodeShouldBe(400);
        });
        return await result.ErrorFieldsAsync();
    }

    [Fact]
    public async Task fifteen_thousand_sources_are_400_naming_sources_and_append_nothing()
    {
        var before = await App.CountEventsAsync();
        var command = TijuanaJobFair() with { Sources = [.. Enumerable.Range(0, 15_000).Select(i => new SourceInput($"https://example.org/report/{i}"))] };

        Assert.Equal(["sources"], await RefusedAsync("/api/activities", command));
        Assert.Equal(before, await App.CountEventsAsync());
    }

    [Fact]
    public async Task forty_thousand_unknown_fields_are_one_bounded_400_that_counts_what_it_does_not_list()
    {
        var before = await App.CountEventsAsync();
        var body = new { kind = "job-fair", sources = Many(40_000, _ => new { a = 0, b = 0, c = 0 }) };

        var result = await Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl("/api/activities");
            s.StatusCodeShouldBe(400);
        });

        // It listed 120,000 fields (8.6 MB); now the first hundred and how many more there were.
        var text = await result.ReadAsTextAsync();
        Assert.True(text.Length < 64 * 1024, $"the 400 is {text.Length:N0} characters");
        Assert.Equal(ActivityTracker.Decisions.FieldErrors.MaxListed + 1, (await result.ErrorFieldsAsync()).Count);
        Assert.Contains("119,900 more problems", text);
        Assert.Equal(before, await App.CountEventsAsync());
    }

    [Theory]
    [InlineData("participatingCountries")]
    [InlineData("tags")]
    [InlineData("partners")]
    [InlineData("outcomes")]
    [InlineData("participants.nationalities")]
    [InlineData("outcomes[0].breakdown")]
    public async Task each_list_of_a_recording_over_its_cap_is_400_naming_it_and_appends_nothing(string field)
    {
        var before = await App.CountEventsAsync();
        var fair = TijuanaJobFair();
        var command = field switch
        {
            "participatingCountries" => fair with { ParticipatingCountries = [.. Enumerable.Repeat("GT", ActivityRules.CountriesMax + 1)] },
            "tags" => fair with { Tags = [.. Enumerable.Repeat("labour-migration", ActivityRules.TagsMax + 1)] },
            "partners" => fair with { Partners = [.. Enumerable.Repeat(new PartnerInput("iom", OrganisationRole.Implementing), ActivityRules.PartnersMax + 1)] },
            "outcomes" => fair with { Outcomes = [.. Enumerable.Repeat(new OutcomeInput("jobfair-hired", 1), ActivityRules.OutcomesMax + 1)] },
            "participants.nationalities" => fair with { Participants = new ParticipantsInput(256, Nationalities: [.. Enumerable.Repeat(new NationalityInput("HN", 1), ActivityRules.NationalitiesMax + 1)]) },
            _ => fair with { Outcomes = [new OutcomeInput("jobfair-hired", 33, [.. Enumerable.Repeat(new OutcomeSplitInput(Breakdown.Sex, "Female", 1), ActivityRules.BreakdownMax + 1)])] },
        };

        Assert.Equal([field], await RefusedAsync("/api/activities", command));
        Assert.Equal(before, await App.CountEventsAsync());
    }

    [Fact]
    public async Task a_correction_over_a_cap_is_400_naming_it_and_appends_nothing()
    {
        var (id, version) = await Host.RecordAsync(TijuanaJobFair());

        var fields = await RefusedAsync(ActivitySteps.Url(id, "corrections"), new
        {
            version,
            correction = new { reason = "Typo" },
            participatingCountries = Enumerable.Repeat("GT", ActivityRules.CountriesMax + 1),
        });

        Assert.Equal(["participatingCountries"], fields);
        Assert.Equal(version, (await Host.ActivityAsync(id))!.Version);
    }

    [Fact]
    public async Task the_reference_and_account_commands_cap_their_lists_and_store_nothing()
    {
        await App.ActAsAsync(TestUsers.Admin);
        var before = await App.CountEventsAsync();

        Assert.Equal(["aliases"], await RefusedAsync("/api/organisations", new
        {
            code = "many-names", name = "Many names", type = "InternationalNgo",
            aliases = Many(ActivityTracker.Organisations.OrganisationDetails.AliasesMax + 1, i => $"Alias {i}"),
        }));
        Assert.Equal(["countries"], await RefusedAsync("/api/programmes", new
        {
            code = "MANY", nameEn = "Many", nameEs = "Muchos", countries = Many(ActivityTracker.Programmes.ProgrammeDetails.CountriesMax + 1, _ => "MX"),
        }));
        Assert.Equal(["kinds"], await RefusedAsync("/api/indicators", new
        {
            code = "many-kinds", nameEn = "Many", nameEs = "Muchos", unit = "people", aggregation = "Sum",
            kinds = Many(ActivityTracker.Indicators.IndicatorDefinition.KindsMax + 1, _ => "job-fair"),
        }));
        Assert.Equal(["countries"], await RefusedAsync("/api/users", new
        {
            email = "many@test.local", password = "Many-Countries-2026!", roles = new[] { "Officer" }, programmes = new[] { "*" },
            countries = Many(ActivityTracker.Users.UserAccess.CodesMax + 1, _ => "MX"),
        }));

        Assert.Equal(before, await App.CountEventsAsync());
        Assert.DoesNotContain(await Host.GetAsJson<ActivityTracker.Users.UserSummary[]>("/api/users") ?? [], u => u.Email == "many@test.local");
    }
}
