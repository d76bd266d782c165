using System.Net;
using System.Text.Json.Nodes;
using ActivityTracker.FaultTests.Infrastructure;
using ActivityTracker.Testing;
using CsCheck;

namespace ActivityTracker.FaultTests;

/// <summary>
/// Issue #9, 6: random valid command sequences sent over HTTP to the app process leave read models
/// equal to the fold of their events: the case files (inline) and the dashboards (async, after
/// catch-up) against the SQL oracle, and each case file as the API serves it against its own events.
/// </summary>
[Collection(FaultCollection.Name), Trait("Category", "Fault")]
public class WholePathProperties(FaultFixture fault)
{
    /// <summary>One step: record (0), report participants (1), add a note (2), cancel or reopen (3); on activity <c>Target</c> modulo those recorded.</summary>
    public sealed record Step(int Action, int Target, int Value);

    static readonly string[] Countries = ["MX", "GT", "CR", "SV"];
    static readonly string[] Programmes = ["MESO-CARIB", "AVR-CARAVANS"];

    static readonly Gen<Step[]> Steps = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 99], Gen.Int[0, 500], (a, t, v) => new Step(a, t, v)).Array[1, 14];

    [Fact]
    public async Task random_command_sequences_over_http_leave_read_models_equal_to_the_fold_of_their_events()
    {
        // Few, short sequences: each step is a real HTTP round trip and a commit (a few seconds in all).
        await Steps.SampleAsync(async steps =>
        {
            var recorded = await RunAsync(steps);
            await fault.Oracle.WaitForDashboardsAsync(TimeSpan.FromSeconds(60));
            await fault.Oracle.AssertReadModelsMatchEventsAsync();
            foreach (var (id, model) in recorded)
            {
                var served = await fault.Api.GetJsonAsync($"api/activities/{id}");
                Assert.Equal(model.Version, served["version"]!.GetValue<long>());
                Assert.Equal(model.Participants, served["participants"]!["total"]!.GetValue<int>());
                Assert.Equal(model.Cancelled, served["isCancelled"]!.GetValue<bool>());
            }
        }, iter: 6, threads: 1);
    }

    /// <summary>What the client expects of an activity after the commands it sent.</summary>
    sealed class Model
    {
        public long Version;
        public int Participants;
        public bool Cancelled;
    }

    /// <summary>Sends the steps, each valid in the state the client's model says the activity is in; every one must be accepted.</summary>
    async Task<List<(Guid Id, Model Model)>> RunAsync(Step[] steps)
    {
        var recorded = new List<(Guid Id, Model Model)>();
        foreach (var step in steps)
        {
            if (step.Action == 0 || recorded.Count == 0)
            {
                var participants = step.Value % 300 + 1;
                var id = await fault.Api.RecordAsync(SampleActivities.Meeting($"Property {Guid.NewGuid():N}", participants,
                    Countries[step.Value % Countries.Length], Programmes[step.Value % Programmes.Length]));
                recorded.Add((id, new Model { Version = await fault.Api.VersionOfAsync(id), Participants = participants }));
                continue;
            }
            var (target, model) = recorded[step.Target % recorded.Count];
            var (path, body) = step.Action switch
            {
                1 when !model.Cancelled => ("participants", (object)new
                {
                    version = model.Version, participants = new { total = step.Value + 1 }, correction = new { reason = "LateData" },
                }),
                3 => (model.Cancelled ? "reopen" : "cancel", new { version = model.Version, reason = "Property test" }),
                _ => ("notes", new { version = model.Version, text = $"note {step.Value}" }),
            };
            var answer = await Answer.ReadAsync(await fault.Api.PostAsync($"api/activities/{target}/{path}", body));
            Assert.True(answer.Status == HttpStatusCode.OK, $"{path} on {target}: {(int)answer.Status} {answer.Body}");
            model.Version = JsonNode.Parse(answer.Body)!["version"]!.GetValue<long>();
            if (path == "participants")
                model.Participants = step.Value + 1;
            else if (path is "cancel" or "reopen")
                model.Cancelled = path == "cancel";
        }
        return recorded;
    }
}
