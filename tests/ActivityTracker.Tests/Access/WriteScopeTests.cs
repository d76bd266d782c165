using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Annotating;
using ActivityTracker.Activities.Correcting;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Exchange;
using ActivityTracker.Exchange.Imports;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Http;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Access;

/// <summary>
/// Writes are checked against what they write: a command may not move an activity out of the writer's
/// programmes or host countries, and taking part in an activity hosted elsewhere lets a country's
/// officer read it, not record or change it.
/// </summary>
[Trait("Category", "Security")]
public class WriteScopeTests(AppFixture app) : ActivityTest(app)
{
    static readonly CorrectionInput Reclassified = new(CorrectionReason.Reclassification, "Moved");

    [Fact]
    public async Task correcting_the_host_country_to_one_outside_scope_is_refused_and_stores_nothing()
    {
        await App.ActAsAsync(DemoUsers.OfficerMexico);
        var (id, version) = await Host.RecordAsync(TijuanaJobFair());

        await RefusedAsync(id, new CorrectDetails(version, Reclassified, Location: new LocationInput("GT", null, "Ciudad de Guatemala", null, null)));

        var activity = await Host.ActivityAsync(id);
        Assert.Equal(("MX", version), (activity!.Location.CountryCode, activity.Version));
    }

    [Fact]
    public async Task correcting_the_programme_to_one_outside_scope_is_refused_and_stores_nothing()
    {
        await App.ActAsAsync(TestUsers.ProgrammeOfficer);
        var (id, version) = await Host.RecordAsync(TijuanaJobFair());

        await RefusedAsync(id, new CorrectDetails(version, Reclassified, ProgrammeCode: "AVR-CARAVANS"));

        var activity = await Host.ActivityAsync(id);
        Assert.Equal(("MESO-CARIB", version), (activity!.ProgrammeCode, activity.Version));
    }

    [Fact]
    public async Task a_regional_activity_cannot_be_corrected_to_countries_outside_scope_nor_given_a_foreign_host()
    {
        await App.ActAsAsync(DemoUsers.OfficerMexico);
        var (id, version) = await Host.RecordAsync(RegionalMeeting(["MX", "GT"]));

        await RefusedAsync(id, new CorrectDetails(version, Reclassified, ParticipatingCountries: ["GT", "HN"]));
        await RefusedAsync(id, new CorrectDetails(version, Reclassified, Location: new LocationInput("GT", null, null, null, null)));

        // Within scope the same command is accepted: the refusal is about the values, not the command.
        await Host.SendAsync(id, new CorrectDetails(version, Reclassified, ParticipatingCountries: ["MX", "HN"]));
    }

    [Fact]
    public async Task an_officer_cannot_record_an_activity_hosted_elsewhere_by_listing_their_country_as_taking_part()
    {
        await App.ActAsAsync(DemoUsers.OfficerMexico);
        var events = await App.CountEventsAsync();

        var refused = await Host.Scenario(s =>
        {
            s.Post.Json(PlannedMeeting() with { ParticipatingCountries = ["MX"] }).ToUrl("/api/activities");
            s.StatusCodeShouldBe(403);
        });

        Assert.Contains("host", await refused.ReadAsTextAsync());
        Assert.Equal(events, await App.CountEventsAsync());
        // A regional activity (no host) may rely on a country taking part.
        await Host.RecordAsync(RegionalMeeting(["GT", "MX"]));
    }

    [Fact]
    public async Task a_country_taking_part_reads_an_activity_hosted_elsewhere_but_cannot_change_it()
    {
        var (id, version) = await Host.RecordAsync(PlannedMeeting() with { ParticipatingCountries = ["MX"] });
        await App.ActAsAsync(DemoUsers.OfficerMexico);

        await Host.Scenario(s => s.Get.Url(ActivitySteps.Url(id)));
        await Host.SendAsync(id, new AddNote(version, "Mexico's figures"), 403);

        var activity = await Host.ActivityAsync(id);
        Assert.Equal(version, activity!.Version);
    }

    [Fact]
    public async Task the_pages_write_path_refuses_a_correction_out_of_scope_and_appends_nothing()
    {
        await App.ActAsAsync(DemoUsers.OfficerMexico);
        var (id, version) = await Host.RecordAsync(TijuanaJobFair());
        var mexico = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, Roles.Officer), new Claim(ScopeClaims.Country, "MX")], "test"));
        var command = new CorrectDetails(version, Reclassified, Location: new LocationInput("GT", null, null, null, null));

        await using var circuit = Host.Services.CreateAsyncScope();
        var outcome = await circuit.ServiceProvider.GetRequiredService<PageCommands>()
            .RunAsync(new PageCommand(mexico, id, (session, ct) => session.ChangeActivityAsync(mexico, id, version, a => command.Decide(a, TestCatalog), ct)));

        Assert.IsType<CommandOutcome.OutsideScope>(outcome);
        await using var session = App.Store.QuerySession();
        Assert.Equal(version, (await session.Events.FetchStreamStateAsync(id))!.Version);
    }

    [Fact]
    public void an_import_row_hosted_elsewhere_is_refused_even_when_the_importers_country_takes_part()
    {
        var mexico = AccessScope.Of(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, Roles.Officer), new Claim(ScopeClaims.Country, "MX")], "test")));
        var id = Guid.CreateVersion7();

        var hostedElsewhere = ImportRules.Check(new ActivityRowReading(id, PlannedMeeting() with { ParticipatingCountries = ["MX"] }, new FieldErrors()), TestCatalog, Today, mexico);
        var regional = ImportRules.Check(new ActivityRowReading(id, RegionalMeeting(["MX"]), new FieldErrors()), TestCatalog, Today, mexico);

        Assert.Contains(ActivityColumns.Programme, Assert.IsType<Decision.Invalid>(hostedElsewhere).Errors.ByField.Keys);
        Assert.IsType<Decision.Accepted>(regional);
    }

    [Fact]
    public async Task an_idempotency_key_belongs_to_its_user_and_never_replays_another_users_answer()
    {
        var key = $"shared-{Guid.NewGuid():N}";
        async Task<Guid> PostAsync(DemoUsers.Account user)
        {
            await App.ActAsAsync(user);
            var result = await Host.Scenario(s =>
            {
                s.Post.Json(TijuanaJobFair()).ToUrl("/api/activities");
                s.WithRequestHeader("Idempotency-Key", key);
                s.StatusCodeShouldBe(201);
            });
            return (await result.ReadAsJsonAsync<CreationResponse<Guid>>())!.Value;
        }

        var first = await PostAsync(TestUsers.Officer);
        var other = await PostAsync(DemoUsers.OfficerMexico);
        var retry = await PostAsync(TestUsers.Officer);

        Assert.NotEqual(first, other);
        Assert.Equal(first, retry);
        await App.ActAsAsync(DemoUsers.OfficerMexico);
        Assert.Equal("MX", (await Host.ActivityAsync(other))!.Location.CountryCode);
    }

    static ActivityTracker.Activities.Recording.RecordActivity RegionalMeeting(IReadOnlyList<string?> countries) => PlannedMeeting() with
    {
        Location = null,
        ParticipatingCountries = countries,
    };

    async Task RefusedAsync(Guid id, CorrectDetails correction)
    {
        var events = await App.CountEventsAsync();
        await Host.SendAsync(id, correction, 403);
        Assert.Equal(events, await App.CountEventsAsync());
    }
}
