using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Dashboards;

/// <summary>"What did we report on 31 March, and what changed since?" over a history written at fixed instants.</summary>
public class RestatementTests(AppFixture app) : ActivityTest(app)
{
    static readonly Guid JobFair = Guid.CreateVersion7();
    static readonly Guid Congress = Guid.CreateVersion7();
    static readonly string Officer = TestUsers.Officer.Email;

    const string FirstQuarter = "from=2019-03-31T23:59:59Z&to=2019-06-30T23:59:59Z";

    /// <summary>
    /// A job fair in Mexico (256 participants, 33 hired) and a congress in Guatemala (120) reported
    /// in March 2019; in April the fair's participants are corrected to 300, a note is added, the
    /// congress is cancelled and the hires corrected to 35; in July the participants become 310.
    /// </summary>
    async Task GivenTheHistoryAsync()
    {
        await App.AppendAtAsync(JobFair, At(3, 1), Officer, [.. Accepted(TijuanaJobFair().Decide(JobFair, TestCatalog, Today))]);
        await App.AppendAtAsync(Congress, At(3, 2), Officer, [.. Accepted((TijuanaJobFair() with
        {
            Kind = "congress", Title = "Regional congress on labour migration", Location = new LocationInput("GT", null, "Ciudad de Guatemala", null, null),
            Participants = new ParticipantsInput(120), Outcomes = null,
        }).Decide(Congress, TestCatalog, Today))]);
        await App.AppendAtAsync(JobFair, At(4, 10), Officer, new ParticipantsReported(JobFair, 300, false, [], null, [], new Correction(CorrectionReason.LateData, "Municipal list arrived")));
        await App.AppendAtAsync(JobFair, At(4, 12), Officer, new NoteAdded(JobFair, "Photos on the municipal site"));
        await App.AppendAtAsync(Congress, At(4, 15), Officer, new ActivityCancelled(Congress, "Recorded twice"));
        await App.AppendAtAsync(JobFair, At(4, 20), Officer, new OutcomeReported(JobFair, "jobfair-hired", 35, [], new Correction(CorrectionReason.Typo, null)));
        await App.AppendAtAsync(JobFair, At(7, 1), Officer, new ParticipantsReported(JobFair, 310, false, [], null, [], new Correction(CorrectionReason.LateData, null)));
    }

    static DateTimeOffset At(int month, int day) => new(2019, month, day, 9, 0, 0, TimeSpan.Zero);

    async Task<RestatementReport> RestatementsAsync(string query, DemoUsers.Account? user = null)
    {
        await App.ActAsAsync(user ?? TestUsers.Manager);
        return (await Host.GetAsJson<RestatementReport>($"/api/dashboards/restatements?{query}"))!;
    }

    [Fact]
    public async Task between_two_instants_each_restating_event_comes_with_its_reason_and_figure_before_and_after()
    {
        await GivenTheHistoryAsync();

        var report = await RestatementsAsync(FirstQuarter);

        Assert.Equal(["ParticipantsReported", "ActivityCancelled", "OutcomeReported"], report.Restatements.Select(r => r.Event));
        var (participants, cancelled, outcome) = (report.Restatements[0], report.Restatements[1], report.Restatements[2]);
        Assert.Equal((JobFair, TijuanaJobFair().Title, At(4, 10), Officer), (participants.ActivityId, participants.Title, participants.Timestamp, participants.UserName));
        Assert.Equal((CorrectionReason.LateData, "Municipal list arrived"), (participants.ReasonCode, participants.Reason));
        Assert.Equal(new Change<int?>(256, 300), participants.Participants);
        Assert.Equal((Congress, "Recorded twice", ActivityStatus.Cancelled), (cancelled.ActivityId, cancelled.Reason, cancelled.Status.After));
        Assert.Equal(new OutcomeChange("jobfair-hired", 33, 35), outcome.Outcome);
        Assert.True(participants.Sequence < cancelled.Sequence && cancelled.Sequence < outcome.Sequence);

        Assert.Equal((new DateTimeOffset(2019, 3, 31, 23, 59, 59, TimeSpan.Zero), "complete"), (report.From, report.Scope));
        Assert.Equal((2, 376L), (report.AtFrom.Activities, report.AtFrom.Participants));
        Assert.Equal(33m, Assert.Single(report.AtFrom.Outcomes).Value);
        Assert.Equal((1, 300L), (report.AtTo.Activities, report.AtTo.Participants));
        Assert.Equal(35m, Assert.Single(report.AtTo.Outcomes).Value);
    }

    [Fact]
    public async Task from_is_exclusive_and_to_inclusive()
    {
        await GivenTheHistoryAsync();

        Assert.Empty((await RestatementsAsync("from=2019-04-10T09:00:00Z&to=2019-04-14T00:00:00Z")).Restatements);
        Assert.Equal(At(4, 10), Assert.Single((await RestatementsAsync("from=2019-04-10T08:59:59Z&to=2019-04-10T09:00:00Z")).Restatements).Timestamp);
    }

    [Fact]
    public async Task filters_and_scope_select_the_activities_as_the_dashboards_do()
    {
        await GivenTheHistoryAsync();

        var guatemala = await RestatementsAsync($"{FirstQuarter}&country=gt");
        Assert.Equal(Congress, Assert.Single(guatemala.Restatements).ActivityId);
        Assert.Equal((1, 120L, 0, 0L), (guatemala.AtFrom.Activities, guatemala.AtFrom.Participants, guatemala.AtTo.Activities, guatemala.AtTo.Participants));

        var fairs = await RestatementsAsync($"{FirstQuarter}&kind=job-fair&programme=meso-carib");
        Assert.All(fairs.Restatements, r => Assert.Equal(JobFair, r.ActivityId));
        Assert.Equal(2, fairs.Restatements.Count);

        var officerInGuatemala = await RestatementsAsync(FirstQuarter, DemoUsers.OfficerGuatemala);
        Assert.Equal("filtered", officerInGuatemala.Scope);
        Assert.Equal(Congress, Assert.Single(officerInGuatemala.Restatements).ActivityId);
        Assert.Equal(120L, officerInGuatemala.AtFrom.Participants);
    }

    [Theory]
    [InlineData("", new[] { "from", "to" })]
    [InlineData("from=2019-03-31T00:00:00Z", new[] { "to" })]
    [InlineData("from=2019-06-30T00:00:00Z&to=2019-03-31T00:00:00Z", new[] { "to" })]
    [InlineData("from=2019-03-31T00:00:00Z&to=2019-03-31T00:00:00Z", new[] { "to" })]
    [InlineData(FirstQuarter + "&country=XX&kind=picnic&programme=NOPE", new[] { "country", "kind", "programme" })]
    public async Task missing_or_backwards_instants_and_unknown_filters_are_400_naming_each_field(string query, string[] fields)
    {
        await App.ActAsAsync(TestUsers.Manager);
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/dashboards/restatements?{query}");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal(fields, await result.ErrorFieldsAsync());
    }

    [Fact]
    public async Task an_instant_that_is_not_iso_8601_is_400_naming_it()
    {
        await App.ActAsAsync(TestUsers.Manager);
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/api/dashboards/restatements?from=yesterday&to=2019-06-30T00:00:00Z");
            s.StatusCodeShouldBe(400);
        });

        Assert.Contains("from", await result.ReadAsTextAsync());
    }

    [Theory]
    [InlineData("officer", 200)]
    [InlineData("manager", 200)]
    [InlineData("admin", 200)]
    [InlineData("nobody", 403)]
    [InlineData("anonymous", 401)]
    public async Task officers_managers_and_administrators_read_restatements(string who, int status)
    {
        await App.ActAsAsync(who switch
        {
            "officer" => TestUsers.Officer,
            "manager" => TestUsers.Manager,
            "admin" => TestUsers.Admin,
            "nobody" => TestUsers.Nobody,
            _ => null,
        });

        await Host.Scenario(s =>
        {
            s.Get.Url($"/api/dashboards/restatements?{FirstQuarter}");
            s.StatusCodeShouldBe(status);
        });
    }
}
