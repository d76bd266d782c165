using System.Net;
using System.Text.Json.Nodes;
using ActivityTracker.FaultTests.Infrastructure;
using ActivityTracker.Testing;

namespace ActivityTracker.FaultTests.Scale;

/// <summary>
/// A projection rebuild with three nodes: only the node that runs the projections (the HotCold
/// leader) takes it, since on another node it would replay the projection beside the leader's
/// running shard. The others refuse, naming the leader; the leader's rebuild converges.
/// </summary>
[Collection(ThreeNodesCollection.Name), Trait("Category", "Fault")]
public class RebuildOnSeveralNodesTests(ThreeNodes nodes)
{
    const string RebuildDashboards = "api/admin/projections/Dashboards/rebuild";

    [Fact]
    public async Task a_node_that_does_not_run_the_projections_refuses_a_rebuild_naming_the_one_that_does_which_takes_it()
    {
        await nodes.AllRunningAsync();
        var leader = await nodes.DaemonNodeAsync(TimeSpan.FromSeconds(60));
        var follower = nodes.Alive.First(n => n != leader);

        foreach (var (language, title) in new[] { ("en", "The projections run on another node"), ("es", "Las proyecciones se ejecutan en otro nodo") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, RebuildDashboards) { Headers = { { "Accept-Language", language } } };
            using var refused = await follower.Api.Client.SendAsync(request);
            var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal(title, problem["title"]!.GetValue<string>());
            var detail = problem["detail"]!.GetValue<string>();
            Assert.True(detail.StartsWith(language == "en" ? $"This node ({follower.Name})" : $"Este nodo ({follower.Name})") && detail.EndsWith($" {leader.Name}."), detail);
        }
        Assert.Equal(0, await nodes.Oracle.ScalarAsync<long>("select count(*) from marten.mt_doc_projectionrebuild"));
        var seen = await follower.Api.GetJsonAsync("api/admin/projections");
        Assert.Equal((follower.Name, false, leader.Name), (seen["node"]!.GetValue<string>(), seen["runsHere"]!.GetValue<bool>(), seen["daemonNode"]!.GetValue<string>()));

        using (var accepted = await leader.Api.PostAsync(RebuildDashboards, new { }))
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var rebuild = await WaitForRebuildToEndAsync(leader);
        Assert.Equal(("Finished", leader.Name), (rebuild["state"]!.GetValue<string>(), rebuild["node"]!.GetValue<string>()));

        // The leader runs its shard again after the rebuild: new writes reach the dashboards, which equal the events.
        await follower.Api.RecordAsync(SampleActivities.Meeting($"After the rebuild {Guid.NewGuid():N}"));
        await nodes.Oracle.WaitForDashboardsAsync(TimeSpan.FromSeconds(60));
        await nodes.Oracle.AssertReadModelsMatchEventsAsync();
    }

    static async Task<JsonObject> WaitForRebuildToEndAsync(Node node)
    {
        JsonNode shard = new JsonObject();
        await Poll.UntilAsync(async () =>
        {
            shard = (await node.Api.GetJsonAsync("api/admin/projections"))["shards"]!.AsArray().Single(s => s!["lag"]!["projection"]!.GetValue<string>() == "Dashboards")!;
            return shard["rebuild"] is JsonObject rebuild && rebuild["state"]!.GetValue<string>() is "Finished" or "Failed";
        }, TimeSpan.FromSeconds(60), () => $"the rebuild did not end: {shard.ToJsonString()}", TimeSpan.FromMilliseconds(200));
        return shard["rebuild"]!.AsObject();
    }
}
