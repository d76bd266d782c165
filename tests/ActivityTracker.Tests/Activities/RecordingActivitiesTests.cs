using System.Text.Json;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using Alba;
using Marten;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

public class RecordingActivitiesTests(AppFixture app) : ActivityTest(app)
{
    [Fact]
    public async Task recording_an_activity_appends_its_facts_and_serves_its_details()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(TijuanaJobFair()).ToUrl("/api/activities");
            s.StatusCodeShouldBe(201);
        });
        var id = (await result.ReadAsJsonAsync<Wolverine.Http.CreationResponse<Guid>>())!.Value;
        Assert.Equal(ActivitySteps.Url(id), result.Context.Response.Headers.Location.ToString());

        await using (var session = App.Store.QuerySession())
        {
            var stream = await session.Events.FetchStreamAsync(id);
            Assert.Equal([typeof(ActivityRecorded), typeof(ActivityHeld), typeof(ParticipantsReported), typeof(OutcomeReported), typeof(PartnerAdded)],
                stream.Select(e => e.Data.GetType()));
            Assert.All(stream, e => Assert.False(string.IsNullOrEmpty(e.CorrelationId), "the request's correlation id is on every event"));
        }

        var details = (await Host.ActivityAsync(id))!;
        Assert.Equal((id, "job-fair", "MX", "MESO-CARIB", 256, 5L, ActivityStatus.Finalisation, ReviewState.Draft),
            (details.Id, details.Kind, details.Location.CountryCode, details.ProgrammeCode, details.Participants!.Total, details.Version, details.Status, details.Review));
        var hired = Assert.Single(details.Outcomes);
        Assert.Equal(("jobfair-hired", 33m), (hired.IndicatorCode, hired.Value));
        Assert.Equal(new Partner("iom", OrganisationRole.Implementing), Assert.Single(details.Partners));
    }

    [Fact]
    public async Task bad_input_answers_400_naming_each_field_and_stores_nothing()
    {
        await Host.RecordAsync(TijuanaJobFair());
        var before = await App.CountEventsAsync();

        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                kind = "picnic", language = "en", title = "", plannedStart = "2019-03-06", plannedEnd = "2019-03-05", location = new { countryCode = "XX" },
                programmeCode = "MESO-CARIB", sectorCode = "15190", participants = new { total = 5, groups = new[] { new { sex = "Female", count = 9 } } },
                partners = new[] { new { organisationCode = "nobody", role = "Funding" } },
            }).ToUrl("/api/activities");
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });

        Assert.Equal(["kind", "location.countryCode", "participants.groups", "partners[0].organisationCode", "plannedEnd", "title"], await ErrorFieldsAsync(result));
        Assert.Equal(before, await App.CountEventsAsync());
    }

    [Fact]
    public async Task a_spanish_request_gets_the_field_messages_in_spanish()
    {
        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Accept-Language", "es");
            s.Post.Json(new { kind = "picnic", language = "en", title = "", programmeCode = "MESO-CARIB", plannedStart = "2019-03-06", plannedEnd = "2019-03-05" })
                .ToUrl("/api/activities");
            s.StatusCodeShouldBe(400);
        });

        var errors = (await result.ProblemAsync()).GetProperty("errors");
        Assert.Equal("El título es un dato obligatorio.", errors.GetProperty("title")[0].GetString());
        Assert.StartsWith("'picnic' no es un tipo de actividad conocido.", errors.GetProperty("kind")[0].GetString());
        Assert.Equal("La fecha de fin 2019-03-05 es anterior a la fecha de inicio 2019-03-06.", errors.GetProperty("plannedEnd")[0].GetString());
        Assert.Equal(0, await ActivityEventsAsync());
    }

    [Theory]
    [InlineData("""{"kind":"meeting","title":"x","programmeCode":"MESO-CARIB","plannedStart":"2019-13-45"}""", "plannedStart")]
    [InlineData("""{"kind":"meeting","title":"x","participants":{"total":"many"}}""", "participants.total")]
    [InlineData("""{"kind":"meeting","partners":[{"organisationCode":"iom","role":"Sponsor"}]}""", "partners[0].role")]
    [InlineData("""{"kind":"meeting","title":""", "title")]
    [InlineData("not json", "body")]
    [InlineData("""[1,2]""", "body")]
    public async Task unreadable_json_or_an_unknown_enum_value_answers_400_naming_the_field(string body, string field)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl("/api/activities");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal([field], await ErrorFieldsAsync(result));
        Assert.Equal(0, await ActivityEventsAsync());
    }

    [Fact]
    public async Task a_retried_post_with_the_same_idempotency_key_records_one_activity()
    {
        async Task<IScenarioResult> Post(object body) => await Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl("/api/activities");
            s.WithRequestHeader("Idempotency-Key", "officer-7-2019-02-28-jobfair");
            s.StatusCodeShouldBe(201);
        });

        var first = await (await Post(TijuanaJobFair())).ReadAsTextAsync();
        var retry = await (await Post(TijuanaJobFair())).ReadAsTextAsync();

        Assert.Equal(first, retry);
        await using var session = App.Store.QuerySession();
        Assert.Equal(1, await session.Query<ActivityDetails>().CountAsync());
    }

    [Fact]
    public async Task the_same_idempotency_key_with_another_body_is_refused()
    {
        await Host.Scenario(s =>
        {
            s.Post.Json(TijuanaJobFair()).ToUrl("/api/activities");
            s.WithRequestHeader("Idempotency-Key", "key-1");
            s.StatusCodeShouldBe(201);
        });
        await Host.Scenario(s =>
        {
            s.Post.Json(PlannedMeeting()).ToUrl("/api/activities");
            s.WithRequestHeader("Idempotency-Key", "key-1");
            s.StatusCodeShouldBe(422);
        });

        await using var session = App.Store.QuerySession();
        Assert.Equal(1, await session.Query<ActivityDetails>().CountAsync());
    }

    [Fact]
    public async Task an_unknown_activity_is_404_problem_details()
    {
        await Host.Scenario(s =>
        {
            s.Get.Url(ActivitySteps.Url(Guid.CreateVersion7()));
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }

    async Task<int> ActivityEventsAsync()
    {
        await using var session = App.Store.QuerySession();
        return await session.Query<ActivityDetails>().CountAsync();
    }

    internal static async Task<IEnumerable<string>> ErrorFieldsAsync(IScenarioResult result)
    {
        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        return problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
    }
}
