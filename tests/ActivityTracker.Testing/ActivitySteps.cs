using ActivityTracker.Activities.Annotating;
using ActivityTracker.Activities.Cancelling;
using ActivityTracker.Activities.Correcting;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Holding;
using ActivityTracker.Activities.Partnering;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Activities.Reporting;
using ActivityTracker.Activities.Rescheduling;
using ActivityTracker.Activities.Reviewing;
using ActivityTracker.Commands;
using Alba;
using Wolverine.Http;

namespace ActivityTracker.Testing;

/// <summary>
/// The steps of an activity's scenario over HTTP, one per command, on the model of the Critter Stack samples' <c>Scenarios.cs</c>:
/// <c>await Host.SendAsync(id, new SubmitForReview(version))</c> posts to the command's endpoint and checks the status, so a test
/// reads as the officer's and manager's steps, and each address is written once, here.
/// </summary>
public static class ActivitySteps
{
    /// <summary>An activity's address, or one of its commands' (<c>held</c>, <c>notes</c>, ...).</summary>
    public static string Url(Guid id, string? action = null) => action is null ? $"/api/activities/{id}" : $"/api/activities/{id}/{action}";

    /// <summary>The endpoint each command is sent to.</summary>
    public static string ActionOf(object command) => command switch
    {
        RescheduleActivity => "reschedule",
        ReportHeld => "held",
        ReportParticipants => "participants",
        ReportOutcome => "outcomes",
        AddPartner => "partners",
        RemovePartner => "partners/remove",
        CorrectDetails => "corrections",
        LinkSource => "sources",
        AddNote => "notes",
        SubmitForReview => "submit",
        ApproveActivity => "approve",
        SendBack => "send-back",
        CancelActivity => "cancel",
        ReopenActivity => "reopen",
        _ => throw new ArgumentException($"{command.GetType().Name} is not a command on an activity.", nameof(command)),
    };

    /// <summary>Records <paramref name="command"/> (201) and returns the new activity's id and version.</summary>
    public static async Task<(Guid Id, long Version)> RecordAsync(this IAlbaHost host, RecordActivity command)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(command).ToUrl("/api/activities");
            s.StatusCodeShouldBe(201);
        });
        var id = (await result.ReadAsJsonAsync<CreationResponse<Guid>>())!.Value;
        return (id, (await host.ActivityAsync(id)).Version);
    }

    /// <summary>Sends <paramref name="command"/> to its endpoint on activity <paramref name="id"/>, expecting <paramref name="status"/>.</summary>
    public static Task<IScenarioResult> SendAsync(this IAlbaHost host, Guid id, object command, int status = 200) =>
        host.SendAsync(id, ActionOf(command), command, status);

    /// <summary>
    /// Posts <paramref name="body"/> to <paramref name="action"/> of activity <paramref name="id"/>, expecting <paramref name="status"/>:
    /// for bodies no command type can hold (a misspelt field, a value of the wrong type).
    /// </summary>
    public static Task<IScenarioResult> SendAsync(this IAlbaHost host, Guid id, string action, object body, int status = 200) =>
        host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(Url(id, action));
            s.StatusCodeShouldBe(status);
        });

    /// <summary>Sends an accepted command and returns the version the activity is now at.</summary>
    public static async Task<long> AcceptedAsync(this IAlbaHost host, Guid id, object command) =>
        (await (await host.SendAsync(id, command)).ReadAsJsonAsync<CommandAccepted>())!.Version;

    /// <summary>The activity's case file, as <c>GET /api/activities/{id}</c> answers it.</summary>
    public static async Task<ActivityDetails> ActivityAsync(this IAlbaHost host, Guid id) =>
        (await host.GetAsJson<ActivityDetails>(Url(id)))!;
}
