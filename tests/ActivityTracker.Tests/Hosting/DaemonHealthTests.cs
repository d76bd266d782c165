using System.Text.Json;

namespace ActivityTracker.Tests.Hosting;

public class DaemonHealthTests(AppFixture app) : ActivityTest(app)
{
    async Task<JsonElement> DaemonEntryAsync()
    {
        await App.ActAsAsync(null);
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.StatusCodeShouldBe(200);
        });
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        return body.RootElement.GetProperty("entries").GetProperty("daemon").Clone();
    }

    [Fact]
    public async Task ready_says_this_node_runs_the_daemon_with_each_agent_s_state()
    {
        // An event the daemon has processed: it runs here (the one node of the test), whatever paused it before.
        await Host.RecordAsync(ActivityScenarios.TijuanaJobFair());
        await App.WaitForProjectionsAsync();

        var daemon = await DaemonEntryAsync();

        Assert.Equal("Healthy", daemon.GetProperty("status").GetString());
        var data = daemon.GetProperty("data");
        Assert.Equal(Environment.MachineName, data.GetProperty("node").GetString());
        Assert.True(data.GetProperty("runsHere").GetBoolean());
        Assert.Equal("Running", data.GetProperty("agents").GetProperty("Dashboards:All").GetString());
        Assert.Contains("This node", daemon.GetProperty("description").GetString());
    }
}
