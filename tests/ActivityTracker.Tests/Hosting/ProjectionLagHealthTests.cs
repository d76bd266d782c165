using System.Diagnostics.Metrics;
using System.Text.Json;
using ActivityTracker.Projections;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Hosting;

public class ProjectionLagHealthTests(AppFixture app) : ActivityTest(app)
{
    const string Shard = "Dashboards:All";

    async Task<JsonElement> ReadyAsync(int status = 200)
    {
        await App.ActAsAsync(null);
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.StatusCodeShouldBe(status);
        });
        Assert.StartsWith("application/json", result.Context.Response.ContentType);
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        return body.RootElement.Clone();
    }

    [Fact]
    public async Task ready_answers_json_with_each_check_and_every_shard_s_lag()
    {
        await Host.RecordAsync(TijuanaJobFair());
        await App.WaitForProjectionsAsync();

        var ready = await ReadyAsync();

        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        var entries = ready.GetProperty("entries");
        Assert.Equal("Healthy", entries.GetProperty("postgres").GetProperty("status").GetString());
        // No replica configured: no replica monitor and no entry for it.
        Assert.False(entries.TryGetProperty("dashboardReads", out _));
        var projections = entries.GetProperty("projections");
        Assert.Equal("Healthy", projections.GetProperty("status").GetString());
        Assert.Equal(["ready"], projections.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var data = projections.GetProperty("data");
        var highest = data.GetProperty("highestSequence").GetInt64();
        Assert.True(highest > 0);
        Assert.Equal(60, data.GetProperty("maxLagSeconds").GetDouble());
        var shard = data.GetProperty(Shard);
        Assert.Equal((highest, highest, 0L, 0.0), (shard.GetProperty("processedSequence").GetInt64(), shard.GetProperty("highestSequence").GetInt64(),
            shard.GetProperty("lagEvents").GetInt64(), shard.GetProperty("lagSeconds").GetDouble()));
        Assert.Equal(JsonValueKind.Null, shard.GetProperty("oldestUnprocessedAt").ValueKind);
    }

    [Fact]
    public async Task a_stalled_daemon_degrades_readiness_by_the_age_of_its_oldest_unprocessed_event_and_stays_200()
    {
        JsonElement ready;
        await using (await PausedDaemon.StallAsync(App))
            ready = await ReadyAsync();

        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        var projections = ready.GetProperty("entries").GetProperty("projections");
        Assert.Equal("Degraded", projections.GetProperty("status").GetString());
        Assert.Contains($"{Shard} is 1 events behind", projections.GetProperty("description").GetString());
        var shard = projections.GetProperty("data").GetProperty(Shard);
        Assert.Equal(1, shard.GetProperty("lagEvents").GetInt64());
        Assert.InRange(shard.GetProperty("lagSeconds").GetDouble(), PausedDaemon.Age.TotalSeconds, PausedDaemon.Age.TotalSeconds + 60);

        // Resumed, the daemon catches up and readiness is Healthy again.
        Assert.Equal("Healthy", (await ReadyAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task the_gauges_report_the_lag_per_shard()
    {
        var events = new Dictionary<string, long>();
        var seconds = new Dictionary<string, double>();
        var meters = Host.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this host's meter: other hosts in the test run publish the same names.
            if (instrument.Meter.Name == ProjectionLagMetrics.MeterName && instrument.Meter.Scope == meters)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == ProjectionLagMetrics.LagEvents)
                events[ShardOf(tags)] = value;
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == ProjectionLagMetrics.LagSeconds)
                seconds[ShardOf(tags)] = value;
        });
        listener.Start();
        var monitor = Host.Services.GetRequiredService<ProjectionLagMonitor>();

        await using (await PausedDaemon.StallAsync(App))
        {
            await monitor.MeasureAsync(CancellationToken.None);
            listener.RecordObservableInstruments();
        }
        Assert.Equal(1, events[Shard]);
        Assert.InRange(seconds[Shard], PausedDaemon.Age.TotalSeconds, PausedDaemon.Age.TotalSeconds + 60);

        await monitor.MeasureAsync(CancellationToken.None);
        listener.RecordObservableInstruments();
        Assert.Equal((0L, 0.0), (events[Shard], seconds[Shard]));
    }

    static string ShardOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag.Key == "shard")
                return (string)tag.Value!;
        throw new InvalidOperationException("The measurement has no shard tag.");
    }
}
