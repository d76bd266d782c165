using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Duplicates;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Testing;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities.Duplicates;

// After recording, the API names the activities the new one may duplicate (it is recorded anyway); submitting names them again.
public class LikelyDuplicatesTests(AppFixture app) : ActivityTest(app)
{
    // The same training as two officers reported it: same kind, country and days, a title written otherwise, the same partner.
    static RecordActivity Training(string title, string partner = "iom", int day = 22) => PlannedMeeting() with
    {
        Kind = "training",
        Title = title,
        PlannedStart = null,
        PlannedEnd = null,
        ActualStart = new DateOnly(2026, 5, day),
        ActualEnd = new DateOnly(2026, 5, 27),
        Partners = [new PartnerInput(partner, OrganisationRole.Implementing)],
    };

    // Recorded (201), and what GET /api/activities/{id}/likely-duplicates then names.
    async Task<(Guid Value, IReadOnlyList<LikelyDuplicate> LikelyDuplicates)> RecordAsync(RecordActivity command)
    {
        var (id, _) = await Host.RecordAsync(command);
        return (id, (await Host.GetAsJson<LikelyDuplicate[]>($"/api/activities/{id}/likely-duplicates"))!);
    }

    [Fact]
    public async Task the_same_training_recorded_again_is_recorded_and_named_as_a_likely_duplicate_of_the_first()
    {
        var first = await RecordAsync(Training("Capacitación sobre trata de personas para cónsules"));
        Assert.Empty(first.LikelyDuplicates);

        var second = await RecordAsync(Training("Capacitacion a consules sobre trata de personas", day: 27));

        var duplicate = Assert.Single(second.LikelyDuplicates);
        Assert.Equal((first.Value, "GT", new DateOnly(2026, 5, 22), new DateOnly(2026, 5, 27)), (duplicate.Id, duplicate.Country, duplicate.Start, duplicate.End));
        Assert.True(duplicate.SimilarTitle >= LikelyDuplicates.SimilarTitle);
        Assert.Equal(["iom"], duplicate.SharedPartners);
        await Host.ActivityAsync(second.Value); // recorded all the same
    }

    [Fact]
    public async Task submitting_for_review_names_them_again_before_a_reviewer_sees_it()
    {
        var first = await RecordAsync(Training("Capacitación sobre trata de personas para cónsules"));
        var second = await RecordAsync(Training("Curso para cónsules", day: 25));
        var version = (await Host.ActivityAsync(second.Value)).Version;

        var submitted = (await (await Host.Scenario(s =>
        {
            s.Post.Json(new { version }).ToUrl($"/api/activities/{second.Value}/submit");
            s.StatusCodeShouldBe(200);
        })).ReadAsJsonAsync<ActivityTracker.Activities.Reviewing.SubmittedActivity>())!;

        Assert.Equal((second.Value, version + 1), (submitted.Id, submitted.Version));
        // Titles unlike, one partner in common.
        var duplicate = Assert.Single(submitted.LikelyDuplicates);
        Assert.Equal((first.Value, (double?)null), (duplicate.Id, duplicate.SimilarTitle));
        Assert.Equal(["iom"], duplicate.SharedPartners);
    }

    [Fact]
    public async Task a_cancelled_activity_is_not_named()
    {
        var cancelled = await RecordAsync(Training("Capacitación a cónsules"));
        await Host.SendAsync(cancelled.Value, new ActivityTracker.Activities.Cancelling.CancelActivity((await Host.ActivityAsync(cancelled.Value)).Version, "Recorded twice"));

        Assert.Empty((await RecordAsync(Training("Capacitación a cónsules"))).LikelyDuplicates);
    }

    [Fact]
    public async Task only_activities_the_officer_reads_are_named()
    {
        // Regional trainings (no host): one Mexico takes part in, then the same with Guatemala, by Guatemala's officer.
        RecordActivity Regional(string country) => Training("Capacitación regional a cónsules") with { Location = null, ParticipatingCountries = [country] };
        var mexican = await RecordAsync(Regional("MX"));

        await App.ActAsAsync(DemoUsers.OfficerGuatemala);
        Assert.Empty((await RecordAsync(Regional("GT"))).LikelyDuplicates);

        // Whoever reads both is told of both.
        await App.ActAsAsync(TestUsers.Officer);
        Assert.Equal(2, (await RecordAsync(Regional("GT"))).LikelyDuplicates.Count);
        Assert.NotEqual(Guid.Empty, mexican.Value);
    }
}
