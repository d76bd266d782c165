using System.Text.Json;
using ActivityTracker.Activities.GettingDetails;
using Alba;
using Marten;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

public class RecordingActivitiesTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task recording_an_activity_appends_one_event_and_serves_its_details()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(TijuanaJobFair()).ToUrl("/api/activities");
            s.StatusCodeShouldBe(201);
        });
        var id = (await result.ReadAsJsonAsync<Wolverine.Http.CreationResponse<Guid>>())!.Value;
        Assert.Equal($"/api/activities/{id}", result.Context.Response.Headers.Location.ToString());

        await using (var session = App.Store.QuerySession())
        {
            var stream = await session.Events.FetchStreamAsync(id);
            var recorded = Assert.Single(stream);
            Assert.Equal(TijuanaJobFair().ToEvent(id, CodeLists), recorded.Data);
            Assert.False(string.IsNullOrEmpty(recorded.CorrelationId), "the request's correlation id is on the event");
        }

        var details = await Host.GetAsJson<ActivityDetails>($"/api/activities/{id}");
        Assert.NotNull(details);
        Assert.Equal((id, "job-fair", "MX", "MESO-CARIB", 256, 1L),
            (details.Id, details.Kind, details.CountryCode, details.ProgrammeCode, details.ParticipantTotal, details.Version));
        Assert.Equal(new DateOnly(2019, 2, 27), details.StartDate);
    }

    [Fact]
    public async Task bad_input_answers_400_naming_each_field_and_stores_nothing()
    {
        await Host.RecordActivityAsync(TijuanaJobFair());
        var before = await App.CountEventsAsync();

        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { kind = "picnic", title = "", startDate = "2019-03-06", endDate = "2019-03-05", countryCode = "XX", participantTotal = -5 })
                .ToUrl("/api/activities");
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });

        var errors = await ErrorFieldsAsync(result);
        Assert.Equal(["countryCode", "endDate", "kind", "participantTotal", "programmeCode", "title"], errors);
        Assert.Equal(before, await App.CountEventsAsync());
    }

    [Theory]
    [InlineData("""{"kind":"meeting","title":"x","programmeCode":"MESO-CARIB","startDate":"2019-13-45"}""", "startDate")]
    [InlineData("""{"kind":"meeting","title":"x","programmeCode":"MESO-CARIB","participantTotal":"many"}""", "participantTotal")]
    [InlineData("""{"kind":"meeting","title":""", "title")]
    [InlineData("not json", "body")]
    [InlineData("""[1,2]""", "body")]
    public async Task unreadable_json_answers_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl("/api/activities");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal([field], await ErrorFieldsAsync(result));
        Assert.Equal(0, await App.CountEventsAsync());
    }

    [Fact]
    public async Task an_unknown_activity_is_404_problem_details()
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/activities/{Guid.CreateVersion7()}");
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
        Assert.Contains("not found", (await result.ReadAsJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Title);
    }

    static async Task<IEnumerable<string>> ErrorFieldsAsync(IScenarioResult result)
    {
        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        return problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
    }
}
