using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Annotating;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Reference;
using Microsoft.Extensions.DependencyInjection;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Commands;

/// <summary>
/// Pages write through Wolverine, with the same functions as the endpoints: the log form's second submit finds its activity
/// recorded instead of recording it twice, a stale page stores nothing, and the events say who acted.
/// </summary>
public class PageCommandsTests(AppFixture app) : ActivityTest(app)
{
    static readonly ClaimsPrincipal OfficerOfMexico = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "officer.page@test.local"), new Claim(ClaimTypes.Role, Roles.Officer), new Claim(ScopeClaims.Country, "MX")], "test"));

    // As the log page does: its form keeps one id, and each submit runs through the circuit's own PageCommands.
    async Task<CommandOutcome> RecordFromTheFormAsync(Guid formId, RecordActivity? command = null)
    {
        await using var circuit = Host.Services.CreateAsyncScope();
        var recorded = command ?? TijuanaJobFair();
        return await circuit.ServiceProvider.GetRequiredService<PageCommands>().RunAsync(new PageCommand(OfficerOfMexico, formId, (session, ct) =>
            recorded.RecordAsync(session, OfficerOfMexico, formId, Host.Services.GetRequiredService<ReferenceData>(), Today, ct)));
    }

    [Fact]
    public async Task a_form_submitted_twice_records_its_activity_once()
    {
        var formId = Guid.CreateVersion7();

        var first = await RecordFromTheFormAsync(formId);
        var second = await RecordFromTheFormAsync(formId);

        Assert.IsType<Decision.Accepted>(Assert.IsType<CommandOutcome.Decided>(first).Decision);
        Assert.IsType<CommandOutcome.Stale>(second);
        await using var session = App.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(formId);
        Assert.Single(events, e => e.Data is ActivityRecorded);
    }

    [Fact]
    public async Task a_form_submitted_twice_at_once_records_its_activity_once()
    {
        var formId = Guid.CreateVersion7();

        var outcomes = await Task.WhenAll(RecordFromTheFormAsync(formId), RecordFromTheFormAsync(formId));

        Assert.Single(outcomes, o => o is CommandOutcome.Decided { Decision: Decision.Accepted });
        await using var session = App.Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(formId), e => e.Data is ActivityRecorded);
    }

    [Fact]
    public async Task a_page_records_with_the_acting_users_name_and_a_correlation_id_on_every_event()
    {
        var formId = Guid.CreateVersion7();

        await RecordFromTheFormAsync(formId);

        await using var session = App.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(formId);
        Assert.All(events, e => Assert.Equal(("officer.page@test.local", true), (e.UserName, !string.IsNullOrEmpty(e.CorrelationId))));
    }

    [Fact]
    public async Task a_page_out_of_scope_records_nothing()
    {
        var formId = Guid.CreateVersion7();

        var outcome = await RecordFromTheFormAsync(formId, PlannedMeeting() with { Location = new LocationInput("GT", null, null, null, null) });

        Assert.IsType<CommandOutcome.OutsideScope>(outcome);
        await using var reader = App.Store.QuerySession();
        Assert.Null(await reader.Events.FetchStreamStateAsync(formId));
    }

    [Fact]
    public async Task a_page_showing_an_old_version_is_stale_and_stores_nothing()
    {
        var formId = Guid.CreateVersion7();
        await RecordFromTheFormAsync(formId);
        await using var reader = App.Store.QuerySession();
        var shown = (await reader.Events.FetchStreamStateAsync(formId))!.Version;
        await using var circuit = Host.Services.CreateAsyncScope();
        var commands = circuit.ServiceProvider.GetRequiredService<PageCommands>();

        // As the activity page does: the command at the version it shows, through the endpoints' function.
        Task<CommandOutcome> NoteAsync(string text) => commands.RunAsync(new PageCommand(OfficerOfMexico, formId, (session, ct) =>
            session.ChangeActivityAsync(OfficerOfMexico, formId, shown, a => new AddNote(a.Version, text).Decide(a), ct)));

        var first = await NoteAsync("First");
        var second = await NoteAsync("Second");

        Assert.IsType<CommandOutcome.Decided>(first);
        Assert.IsType<CommandOutcome.Stale>(second);
        Assert.Equal(shown + 1, (await reader.Events.FetchStreamStateAsync(formId))!.Version);
    }
}
