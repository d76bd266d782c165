using System.Xml.Linq;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Duplicates;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Dashboards;
using ActivityTracker.Tests.Dashboards;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// Two officers recorded the same training and both were approved: "people trained" doubled. A manager marks one a duplicate
// of the other (an event with a reason, reversible): it leaves every figure and export, and the restatements say why.
public class DuplicateMarkTests(AppFixture app) : DashboardTest(app)
{
    static RecordActivity Training(string title) => TijuanaJobFair() with
    {
        Kind = "training",
        Title = title,
        ActualStart = new(2019, 5, 22),
        ActualEnd = new(2019, 5, 23),
        Location = new LocationInput("GT", null, "Ciudad de Guatemala", null, null),
        Participants = new ParticipantsInput(80),
        Outcomes = [new OutcomeInput("people-trained", 80)],
    };

    async Task<IScenarioResult> Mark(Guid id, object body, int status, DemoUsers.Account? user = null) => await As(user ?? TestUsers.Manager, () =>
        Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(ActivitySteps.Url(id, "mark-duplicate"));
            s.StatusCodeShouldBe(status);
        }));

    async Task<long> VersionOf(Guid id) => (await Host.ActivityAsync(id))!.Version;

    [Fact]
    public async Task a_duplicate_marked_by_a_manager_leaves_every_figure_and_export_until_the_mark_is_removed()
    {
        var (original, ov) = await Host.RecordAsync(Training("Capacitación en protección de personas migrantes"));
        var (twice, tv) = await Host.RecordAsync(Training("Capacitación sobre protección a migrantes"));
        await Approve(original, ov);
        await Approve(twice, tv);
        await App.WaitForProjectionsAsync();
        Assert.Equal((2, 160m), ((await Dashboard("countries/GT")).Approved.Activities, (await Dashboard("countries/GT")).Approved.Outcomes.Single().Value));
        Assert.Contains(original, (await Host.GetAsJson<LikelyDuplicate[]>($"{ActivitySteps.Url(twice)}/likely-duplicates"))!.Select(d => d.Id));

        await Mark(twice, new { version = await VersionOf(twice), originalId = original, reason = "The same training, reported by both offices" }, 200);
        await App.WaitForProjectionsAsync();

        var guatemala = await Dashboard("countries/GT");
        Assert.Equal((1, 0, 80L, 80m), (guatemala.Approved.Activities, guatemala.Approved.Cancelled, guatemala.Approved.Participants, guatemala.Approved.Outcomes.Single().Value));
        var file = (await Host.GetAsJson<ActivityDetails>(ActivitySteps.Url(twice)))!;
        Assert.Equal((original, "The same training, reported by both offices"), (file.DuplicateOf, file.LastReason));
        // Out of the exports and of the original's likely duplicates; still in the list, marked, so it can be found again.
        var csv = await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/activities.csv"));
        Assert.DoesNotContain(twice.ToString(), csv);
        Assert.Contains(original.ToString(), csv);
        var iati = XDocument.Parse(await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/iati.xml")));
        Assert.DoesNotContain(iati.Root!.Elements("iati-activity"), a => a.Element("iati-identifier")!.Value.EndsWith(twice.ToString()));
        Assert.Empty((await Host.GetAsJson<LikelyDuplicate[]>($"{ActivitySteps.Url(original)}/likely-duplicates"))!);
        // The copy itself has no likely duplicates left to look at: it is already marked one.
        Assert.Empty((await Host.GetAsJson<LikelyDuplicate[]>($"{ActivitySteps.Url(twice)}/likely-duplicates"))!);
        var restated = (await As(TestUsers.Manager, async () => (await Host.GetAsJson<RestatementReport>("/api/dashboards/restatements?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"))!))
            .Restatements.Single(r => r.ActivityId == twice && r.Event == nameof(MarkedDuplicate));
        Assert.Equal("The same training, reported by both offices", restated.Reason);

        var version = await VersionOf(twice);
        await As(TestUsers.Manager, () => Host.SendAsync(twice, "remove-duplicate-mark", new { version, reason = "Two groups, two trainings" }));
        await App.WaitForProjectionsAsync();

        Assert.Equal((2, 160m), ((await Dashboard("countries/GT")).Approved.Activities, (await Dashboard("countries/GT")).Approved.Outcomes.Single().Value));
        Assert.Null((await Host.GetAsJson<ActivityDetails>(ActivitySteps.Url(twice)))!.DuplicateOf);
        Assert.Contains(twice.ToString(), await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/activities.csv")));
    }

    [Fact]
    public async Task a_mark_names_an_original_that_counts_and_says_why_when_refused()
    {
        var (original, _) = await Host.RecordAsync(Training("Capacitación A"));
        var (twice, _) = await Host.RecordAsync(Training("Capacitación B"));
        var (third, _) = await Host.RecordAsync(Training("Capacitación C"));

        async Task<Dictionary<string, string[]>> Errors(Guid id, object? originalId, string? reason) =>
            (await (await Mark(id, new { version = await VersionOf(id), originalId, reason }, 400)).ReadAsJsonAsync<ValidationProblem>())!.Errors;

        Assert.Equal(["originalId", "reason"], (await Errors(twice, null, null)).Keys.Order());
        Assert.Contains("cannot duplicate itself", (await Errors(twice, twice, "x"))["originalId"].Single());
        Assert.Contains("no activity", (await Errors(twice, Guid.NewGuid(), "x"))["originalId"].Single());
        // Only a manager marks.
        await Mark(twice, new { version = await VersionOf(twice), originalId = original, reason = "Same" }, 403, TestUsers.Officer);

        await Mark(twice, new { version = await VersionOf(twice), originalId = original, reason = "Same" }, 200);

        // A mark points at an activity that counts: not at a duplicate (it names the one to point at instead) ...
        Assert.Contains(original.ToString(), (await Errors(third, twice, "Same"))["originalId"].Single());
        // ... and a duplicate is not marked twice: 409, saying of which it is one.
        var again = await Mark(twice, new { version = await VersionOf(twice), originalId = third, reason = "Same" }, 409);
        Assert.Contains(original.ToString(), await again.ReadAsTextAsync());
        // Removing a mark that is not there is refused too.
        await As(TestUsers.Manager, () => Host.SendAsync(third, "remove-duplicate-mark", new { version = 1, reason = "x" }, 409));
    }

    sealed record ValidationProblem(Dictionary<string, string[]> Errors);
}
