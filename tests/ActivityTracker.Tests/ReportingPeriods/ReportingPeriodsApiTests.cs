using System.Text.Json;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Commands;
using ActivityTracker.Dashboards;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.ReportingPeriods;
using ActivityTracker.ReportingPeriods.Closing;
using ActivityTracker.ReportingPeriods.GettingDetails;
using Alba;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.ReportingPeriods;

public class ReportingPeriodsApiTests(AppFixture app) : ActivityTest(app)
{
    /// <summary>A manager for Mexico only: reads Mexico's figures, cannot settle a period for everyone.</summary>
    static readonly DemoUsers.Account MexicoManager = new("manager.mx@test.local", Roles.Manager, [], ["MX"]);

    static readonly Guid FirstQuarter = ReportingPeriod.IdFor("2019-Q1");

    async Task<ReportingPeriodView> PeriodAsync(string period, DemoUsers.Account? user = null)
    {
        await App.ActAsAsync(user ?? TestUsers.Manager);
        return (await Host.GetAsJson<ReportingPeriodView>($"/api/reporting-periods/{period}"))!;
    }

    [Fact]
    public async Task a_correction_after_the_close_is_an_adjustment_and_the_figures_at_close_keep_the_old_total()
    {
        var (fair, version) = await Host.RecordAsync(TijuanaJobFair());
        await Host.RecordAsync(TijuanaJobFair() with { Title = "Job fair in Mexicali", ActualStart = new DateOnly(2019, 4, 10), ActualEnd = null, Participants = new ParticipantsInput(90) });
        await App.ActAsAsync(TestUsers.Manager);
        var closed = await Host.PostJsonAsync("/api/reporting-periods/2019-q1/close", new { note = "Q1 report to the donor" }, 200);
        Assert.Equal(new CommandAccepted(FirstQuarter, 1), await closed.ReadAsJsonAsync<CommandAccepted>());

        await App.ActAsAsync(TestUsers.Officer);
        await Host.PostJsonAsync(ActivitySteps.Url(fair, "participants"),
            new { version, participants = new { total = 300 }, correction = new { reason = "LateData", note = "Municipal list arrived" } }, 200);
        await App.WaitForProjectionsAsync();

        var period = await PeriodAsync("2019-Q1");
        Assert.Equal(("2019-Q1", new DateOnly(2019, 1, 1), new DateOnly(2019, 3, 31)), (period.Period, period.FirstDay, period.LastDay));
        Assert.Equal((true, TestUsers.Manager.Email, "Q1 report to the donor", 1L, "complete"), (period.Closed, period.ClosedBy, period.Note, period.Version, period.Scope));
        Assert.Equal((1, 256L), (period.AtClose!.Activities, period.AtClose.Participants));
        Assert.Equal((1, 300L), (period.Current.Activities, period.Current.Participants));
        var adjustment = Assert.Single(period.Adjustments);
        Assert.Equal((fair, "ParticipantsReported", CorrectionReason.LateData, "Municipal list arrived", TestUsers.Officer.Email),
            (adjustment.ActivityId, adjustment.Event, adjustment.ReasonCode, adjustment.Reason, adjustment.UserName));
        Assert.Equal(new Change<int?>(256, 300), adjustment.Participants);
        Assert.True(adjustment.Timestamp > period.ClosedAt);

        (await App.EventsOfAsync(FirstQuarter)).ShouldBe(new ReportingPeriodClosed("2019-Q1", "Q1 report to the donor"));
    }

    [Fact]
    public async Task what_was_reported_at_a_close_in_the_past_stands_next_to_every_restatement_since()
    {
        var officer = TestUsers.Officer.Email;
        var fair = Guid.CreateVersion7();
        var congress = Guid.CreateVersion7();
        await App.AppendAtAsync(fair, At(3, 1), officer, [.. Accepted(TijuanaJobFair().Decide(fair, TestCatalog, Today))]);
        await App.AppendAtAsync(congress, At(3, 2), officer, [.. Accepted((TijuanaJobFair() with
        {
            Kind = "congress", Location = new LocationInput("GT", null, null, null, null), ActualStart = new DateOnly(2019, 3, 20), ActualEnd = null,
            Participants = new ParticipantsInput(120), Outcomes = null,
        }).Decide(congress, TestCatalog, Today))]);
        await App.AppendAtAsync(FirstQuarter, At(4, 5), TestUsers.Manager.Email, new ReportingPeriodClosed("2019-Q1", null));
        await App.AppendAtAsync(fair, At(4, 10), officer, new ParticipantsReported(fair, 300, false, [], null, [], new Correction(CorrectionReason.LateData, null)));
        await App.AppendAtAsync(congress, At(4, 15), officer, new ActivityCancelled(congress, "Recorded twice"));
        // Moved out of the quarter: the period loses it, and the move is one of its adjustments.
        await App.AppendAtAsync(fair, At(7, 1), officer, new ActivityHeld(fair, new DateOnly(2019, 4, 2), null, new Correction(CorrectionReason.Typo, "April, not February")));
        await App.WaitForProjectionsAsync();

        var period = await PeriodAsync("2019-q1");

        Assert.Equal((At(4, 5), TestUsers.Manager.Email), (period.ClosedAt, period.ClosedBy));
        Assert.Equal((2, 376L), (period.AtClose!.Activities, period.AtClose.Participants));
        Assert.Equal(33m, Assert.Single(period.AtClose.Outcomes).Value);
        Assert.Equal((0, 0L), (period.Current.Activities, period.Current.Participants));
        Assert.Equal(["ParticipantsReported", "ActivityCancelled", "ActivityHeld"], period.Adjustments.Select(a => a.Event));
        Assert.Equal(new DateOnly(2019, 4, 2), period.Adjustments[2].Dates!.After.Start);

        var second = await PeriodAsync("2019-Q2");
        Assert.Equal((false, (Figures?)null, 1, 300L), (second.Closed, second.AtClose, second.Current.Activities, second.Current.Participants));
        Assert.Empty(second.Adjustments);
    }

    static DateTimeOffset At(int month, int day) => new(2019, month, day, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task closing_twice_is_409_reopening_needs_the_version_and_a_reason_and_a_reopened_period_closes_again()
    {
        await App.ActAsAsync(TestUsers.Manager);
        await Host.PostJsonAsync("/api/reporting-periods/2019/close", new { }, 200);

        var twice = await Host.PostJsonAsync("/api/reporting-periods/2019/close", new { note = "Again" }, 409);
        Assert.Contains("already closed", (await twice.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(["reason"], await (await Host.PostJsonAsync("/api/reporting-periods/2019/reopen", new { version = 1 }, 400)).ErrorFieldsAsync());
        Assert.Equal(["version"], await (await Host.PostJsonAsync("/api/reporting-periods/2019/reopen", new { reason = "Late data" }, 400)).ErrorFieldsAsync());
        await Host.PostJsonAsync("/api/reporting-periods/2019/reopen", new { version = 0, reason = "Late data" }, 409);

        await Host.PostJsonAsync("/api/reporting-periods/2019/reopen", new { version = 1, reason = "Late returns data from Honduras" }, 200);
        await Host.PostJsonAsync("/api/reporting-periods/2019/reopen", new { version = 2, reason = "Again" }, 409);
        var listed = Assert.Single((await Host.GetAsJson<ReportingPeriodDetails[]>("/api/reporting-periods"))!);
        Assert.Equal(("2019", false, (DateTimeOffset?)null, TestUsers.Manager.Email, "Late returns data from Honduras"),
            (listed.Period, listed.Closed, listed.ClosedAt, listed.ReopenedBy, listed.ReopenReason));
        var reopened = await PeriodAsync("2019");
        Assert.Equal((false, (Figures?)null, 2L), (reopened.Closed, reopened.AtClose, reopened.Version));

        await Host.PostJsonAsync("/api/reporting-periods/2019/close", new { note = "With Honduras" }, 200);
        (await App.EventsOfAsync(ReportingPeriod.IdFor("2019"))).ShouldBe(
            new ReportingPeriodClosed("2019", null),
            new ReportingPeriodReopened("2019", "Late returns data from Honduras"),
            new ReportingPeriodClosed("2019", "With Honduras"));
    }

    [Fact]
    public async Task the_list_shows_the_periods_ever_closed_in_order_with_who_closed_them_and_when()
    {
        await App.ActAsAsync(TestUsers.Manager);
        await Host.PostJsonAsync("/api/reporting-periods/2019-Q2/close", new { }, 200);
        await Host.PostJsonAsync("/api/reporting-periods/2019/close", new { }, 200);
        await Host.PostJsonAsync("/api/reporting-periods/2019-Q1/close", new { }, 200);

        await App.ActAsAsync(TestUsers.Officer);
        var periods = (await Host.GetAsJson<ReportingPeriodDetails[]>("/api/reporting-periods"))!;

        Assert.Equal(["2019", "2019-Q1", "2019-Q2"], periods.Select(p => p.Period));
        Assert.All(periods, p => Assert.Equal((true, TestUsers.Manager.Email), (p.Closed, p.ClosedBy)));
        Assert.All(periods, p => Assert.NotNull(p.ClosedAt));
    }

    [Fact]
    public async Task a_period_never_closed_has_its_current_figures_and_nothing_at_close()
    {
        await Host.RecordAsync(TijuanaJobFair());
        await App.WaitForProjectionsAsync();

        var period = await PeriodAsync("2019");

        Assert.Equal((false, (DateTimeOffset?)null, (string?)null, 0L, (Figures?)null), (period.Closed, period.ClosedAt, period.ClosedBy, period.Version, period.AtClose));
        Assert.Equal((1, 256L), (period.Current.Activities, period.Current.Participants));
        Assert.Empty(period.Adjustments);
        await Host.PostJsonAsync("/api/reporting-periods/2019/reopen", new { version = 0, reason = "Late data" }, 404);
    }

    [Theory]
    [InlineData("GET", "2019-Q5")]
    [InlineData("GET", "19")]
    [InlineData("POST", "2019-Q5/close")]
    [InlineData("POST", "2019-03/close")]
    [InlineData("POST", "Q1-2019/reopen")]
    public async Task a_period_that_is_not_a_year_or_a_quarter_is_400_naming_it_and_nothing_is_stored(string method, string path)
    {
        await App.ActAsAsync(TestUsers.Manager);
        var before = await App.CountEventsAsync();

        var result = await Host.Scenario(s =>
        {
            if (method == "GET")
                s.Get.Url($"/api/reporting-periods/{path}");
            else
                // Each command's own fields: the API refuses fields a command does not take.
                s.Post.Json(path.EndsWith("/close") ? new { note = "Late data" } : (object)new { version = 1, reason = "Late data" })
                    .ToUrl($"/api/reporting-periods/{path}");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal(["period"], await result.ErrorFieldsAsync());
        Assert.Equal(before, await App.CountEventsAsync());
    }

    [Fact]
    public async Task a_note_too_long_is_400_and_nothing_is_stored()
    {
        await App.ActAsAsync(TestUsers.Manager);

        Assert.Equal(["note"], await (await Host.PostJsonAsync("/api/reporting-periods/2019/close", new { note = new string('n', 501) }, 400)).ErrorFieldsAsync());
        Assert.Empty(await App.EventsOfAsync(ReportingPeriod.IdFor("2019")));
    }

    [Fact]
    public async Task only_a_manager_for_every_programme_and_country_closes_or_reopens_and_every_role_reads()
    {
        await EnsureAccountAsync(MexicoManager);
        await App.ActAsAsync(TestUsers.Manager);
        await Host.PostJsonAsync("/api/reporting-periods/2019/close", new { }, 200);

        foreach (var user in new[] { TestUsers.Officer, TestUsers.Admin, TestUsers.Nobody, MexicoManager })
        {
            await App.ActAsAsync(user);
            await Host.PostJsonAsync("/api/reporting-periods/2019-Q1/close", new { }, 403);
            await Host.PostJsonAsync("/api/reporting-periods/2019/reopen", new { version = 1, reason = "Late data" }, 403);
        }
        foreach (var user in new[] { TestUsers.Officer, TestUsers.Admin, MexicoManager })
        {
            await App.ActAsAsync(user);
            await Host.Scenario(s => s.Get.Url("/api/reporting-periods"));
            await Host.Scenario(s => s.Get.Url("/api/reporting-periods/2019"));
        }
        await App.ActAsAsync(null);
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/reporting-periods");
            s.StatusCodeShouldBe(401);
        });
        Assert.Single(await App.EventsOfAsync(ReportingPeriod.IdFor("2019")));
        Assert.Empty(await App.EventsOfAsync(FirstQuarter));
    }

    [Fact]
    public async Task a_manager_for_one_country_reads_the_figures_of_that_country_only()
    {
        await EnsureAccountAsync(MexicoManager);
        await Host.RecordAsync(TijuanaJobFair());
        await Host.RecordAsync(TijuanaJobFair() with { Kind = "congress", Location = new LocationInput("GT", null, null, null, null), Participants = new ParticipantsInput(120), Outcomes = null });
        await App.ActAsAsync(TestUsers.Manager);
        await Host.PostJsonAsync("/api/reporting-periods/2019-Q1/close", new { }, 200);
        await App.WaitForProjectionsAsync();

        var period = await PeriodAsync("2019-Q1", MexicoManager);

        Assert.Equal("filtered", period.Scope);
        Assert.Equal((1, 256L, 1, 256L), (period.AtClose!.Activities, period.AtClose.Participants, period.Current.Activities, period.Current.Participants));
        Assert.Equal(376L, (await PeriodAsync("2019-Q1")).Current.Participants);
    }

    [Fact]
    public async Task of_two_first_closes_at_once_one_is_stored_and_the_other_is_409()
    {
        var close = new CloseReportingPeriod(null);
        Task<IResult> CloseAsync(IDocumentSession session, Func<ReportingPeriodDetails?, Decision> decide) =>
            session.DecideOrStartAsync("reporting period", FirstQuarter, decide, CancellationToken.None);
        await using var slower = App.Store.LightweightSession();
        await using var faster = App.Store.LightweightSession();

        // The slower request has read "never closed" when the faster one commits its close.
        var answer = await CloseAsync(slower, state =>
        {
            CloseAsync(faster, s => close.Decide("2019-Q1", s)).GetAwaiter().GetResult();
            return close.Decide("2019-Q1", state);
        });

        Assert.Equal(409, Assert.IsAssignableFrom<IStatusCodeHttpResult>(answer).StatusCode);
        Assert.Single(await App.EventsOfAsync(FirstQuarter));
        await slower.SaveChangesAsync();
        Assert.Single(await App.EventsOfAsync(FirstQuarter));
    }

    [Theory]
    [InlineData("/api/reporting-periods", "get", "Reporting periods")]
    [InlineData("/api/reporting-periods/{period}", "get", "Reporting periods")]
    [InlineData("/api/reporting-periods/{period}/close", "post", "Reporting periods")]
    [InlineData("/api/reporting-periods/{period}/reopen", "post", "Reporting periods")]
    [InlineData("/api/dashboards/restatements", "get", "Dashboards")]
    public async Task each_endpoint_is_documented_under_its_tag_with_a_summary(string path, string method, string tag)
    {
        var result = await Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        using var document = JsonDocument.Parse(await result.ReadAsTextAsync());

        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.Equal([tag], operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
    }

    async Task EnsureAccountAsync(DemoUsers.Account account)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(account.Email) is null)
            await UserAccounts.CreateAsync(scope.ServiceProvider, account.Email, TestUsers.Password, [account.Role], account.Programmes, account.Countries);
    }
}
