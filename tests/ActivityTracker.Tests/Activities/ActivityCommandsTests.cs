using System.Text.Json;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Annotating;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.History;
using ActivityTracker.Activities.Reporting;
using ActivityTracker.Activities.Reviewing;
using ActivityTracker.Commands;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// Every command endpoint over HTTP: the events written, the read model produced, and the
// 400/404/409 answers that change nothing.
public class ActivityCommandsTests(AppFixture app) : ActivityTest(app)
{
    async Task<CommandAccepted> Send(Guid id, string action, object body, int status = 200)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/api/activities/{id}/{action}");
            s.StatusCodeShouldBe(status);
        });
        return status == 200 ? (await result.ReadAsJsonAsync<CommandAccepted>())! : new CommandAccepted(id, -1);
    }

    Task<ActivityDetails> Details(Guid id) => Host.ActivityAsync(id);

    async Task<object> LastEvent(Guid id)
    {
        await using var session = App.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(id))[^1].Data;
    }

    [Fact]
    public async Task a_planned_activity_goes_through_its_whole_lifecycle()
    {
        var (id, v) = await Host.RecordAsync(PlannedMeeting());

        v = (await Send(id, "reschedule", new { version = v, plannedStart = "2027-01-22", plannedEnd = "2027-01-23", reason = "Venue moved" })).Version;
        Assert.Equal(new ActivityRescheduled(id, new DateOnly(2027, 1, 22), new DateOnly(2027, 1, 23), "Venue moved"), await LastEvent(id));

        v = (await Send(id, "held", new { version = v, actualStart = "2026-11-20", actualEnd = "2026-11-21" })).Version;
        v = (await Send(id, "participants", new
        {
            version = v,
            participants = new { total = 40, groups = new[] { new { sex = "Female", age = "Adults", count = 25 }, new { sex = "Male", age = "Adults", count = 15 } }, nationalities = new[] { new { countryCode = "gt", count = 30 } } },
        })).Version;
        v = (await Send(id, "outcomes", new { version = v, outcome = new { indicatorCode = "countries-represented", value = 4 } })).Version;
        v = (await Send(id, "partners", new { version = v, organisationCode = "iom", role = "Implementing" })).Version;
        v = (await Send(id, "partners", new { version = v, organisationCode = "svet-gt", role = "Accountable" })).Version;
        v = (await Send(id, "partners/remove", new { version = v, organisationCode = "svet-gt", role = "Accountable", reason = "Not involved" })).Version;
        v = (await Send(id, "corrections", new { version = v, correction = new { reason = "Typo" }, title = "Reunión de la red contra la trata de personas" })).Version;
        v = (await Send(id, "sources", new { version = v, url = "https://example.org/noticia", title = "Nota de prensa" })).Version;
        v = (await Send(id, "notes", new { version = v, text = "Cifras confirmadas por teléfono." })).Version;
        v = (await Send(id, "submit", new { version = v })).Version;
        await App.ActAsAsync(TestUsers.Manager);
        v = (await Send(id, "send-back", new { version = v, reason = "Add the sources" })).Version;
        await App.ActAsAsync(TestUsers.Officer);
        v = (await Send(id, "submit", new { version = v })).Version;
        await App.ActAsAsync(TestUsers.Manager);
        v = (await Send(id, "approve", new { version = v })).Version;
        Assert.Equal(new ActivityApproved(id, v - 1), await LastEvent(id));
        v = (await Send(id, "reopen", new { version = v, reason = "Late figures" })).Version;
        await App.ActAsAsync(TestUsers.Officer);
        v = (await Send(id, "cancel", new { version = v, reason = "Recorded twice" })).Version;

        var details = await Details(id);
        Assert.Equal((v, ActivityStatus.Cancelled, ReviewState.Draft, "Recorded twice"), (details.Version, details.Status, details.Review, details.LastReason));
        Assert.Equal(("Reunión de la red contra la trata de personas", 40, "GT"), (details.Title, details.Participants!.Total, details.Participants.Nationalities.Single().CountryCode));
        Assert.Equal([new Partner("iom", OrganisationRole.Implementing)], details.Partners);
        Assert.Equal((new DateOnly(2026, 11, 20), 4m), (details.ActualStart, details.Outcomes.Single().Value));
        Assert.Equal("Cifras confirmadas por teléfono.", details.Notes.Single().Text);
        Assert.Equal("https://example.org/noticia", details.Sources.Single().Url);
        Assert.Equal(17, v);
    }

    [Fact]
    public async Task a_stale_version_is_409_with_the_current_version_and_changes_nothing()
    {
        var (id, v) = await Host.RecordAsync(PlannedMeeting());
        await Send(id, "notes", new { version = v, text = "First" });

        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { version = v, text = "Second, from a stale screen" }).ToUrl(ActivitySteps.Url(id, "notes"));
            s.StatusCodeShouldBe(409);
            s.ContentTypeShouldBe("application/problem+json");
        });

        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        Assert.Equal(v + 1, problem.RootElement.GetProperty("currentVersion").GetInt64());
        Assert.Equal("First", (await Details(id)).Notes.Single().Text);
    }

    [Fact]
    public async Task an_illegal_transition_is_409_saying_why_and_changes_nothing()
    {
        var (id, v) = await Host.RecordAsync(PlannedMeeting());

        await App.ActAsAsync(TestUsers.Manager);
        var result = await Host.SendAsync(id, new ApproveActivity(v), 409);

        Assert.Contains("submitted for review", await result.ReadAsTextAsync());
        Assert.Equal((v, ReviewState.Draft), ((await Details(id)).Version, (await Details(id)).Review));
    }

    [Fact]
    public async Task a_command_without_a_version_or_with_bad_fields_is_400_and_changes_nothing()
    {
        var (id, v) = await Host.RecordAsync(TijuanaJobFair());

        var noVersion = await Host.SendAsync(id, new AddNote(null, "A note"), 400);
        var badFigures = await Host.SendAsync(id, new ReportParticipants(v, new ParticipantsInput(10, UnaccompaniedMinors: 11), new CorrectionInput(CorrectionReason.LateData, null)), 400);

        Assert.Equal(["version"], await RecordingActivitiesTests.ErrorFieldsAsync(noVersion));
        Assert.Equal(["participants.unaccompaniedMinors"], await RecordingActivitiesTests.ErrorFieldsAsync(badFigures));
        Assert.Equal(v, (await Details(id)).Version);
    }

    [Fact]
    public async Task a_command_on_an_unknown_activity_is_404()
    {
        await Send(Guid.CreateVersion7(), "notes", new { version = 1, text = "Hello" }, 404);
    }

    [Fact]
    public async Task history_lists_every_event_with_its_type_version_time_and_user()
    {
        var (id, v) = await Host.RecordAsync(TijuanaJobFair());
        await Send(id, "outcomes", new { version = v, outcome = new { indicatorCode = "jobfair-hired", value = 35 }, correction = new { reason = "LateData", note = "Two more hires confirmed" } });

        var history = (await Host.GetAsJson<List<HistoryEntry>>(ActivitySteps.Url(id, "history")))!;

        Assert.Equal(["ActivityRecorded", "ActivityHeld", "ParticipantsReported", "OutcomeReported", "PartnerAdded", "OutcomeReported"], history.Select(h => h.Type));
        Assert.Equal([1L, 2, 3, 4, 5, 6], history.Select(h => h.Version));
        Assert.All(history, h => Assert.NotEqual(default, h.Timestamp));
        Assert.Contains("Two more hires confirmed", history[^1].Data.ToString());
        await Host.Scenario(s =>
        {
            s.Get.Url(ActivitySteps.Url(Guid.CreateVersion7(), "history"));
            s.StatusCodeShouldBe(404);
        });
    }
}
