using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ActivityTracker.Testing;

namespace ActivityTracker.FaultTests.Infrastructure;

/// <summary>
/// Writers recording activities over HTTP as a careful client would: each activity has a unique
/// title and an Idempotency-Key of its own, kept until the app acknowledges it (201). What was not
/// acknowledged (an error, a 5xx, a cut connection) is retried later with the same key.
/// </summary>
public sealed class Load(Func<Api> api, string run)
{
    /// <summary>Title (= idempotency key) to the id the app acknowledged.</summary>
    public ConcurrentDictionary<string, Guid> Acknowledged { get; } = new();

    /// <summary>Title to what the client saw instead of a 201, for the ones still to retry.</summary>
    public ConcurrentDictionary<string, string> Unacknowledged { get; } = new();

    /// <summary>Each title's participants: a retry sends exactly the same body (another body under the same key is 422).</summary>
    readonly ConcurrentDictionary<string, int> _participants = new();

    public Task RunAsync(int writers, CancellationToken stop) => Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var title = $"{run} w{w} #{i}";
            _participants[title] = (w + i) % 9 + 1;
            if (!await TryAsync(title) && !stop.IsCancellationRequested)
                await Task.Delay(100); // the app or its database is down: don't spin
        }
    })));

    async Task<bool> TryAsync(string title)
    {
        try
        {
            using var response = await api().PostAsync("api/activities", SampleActivities.Meeting(title, _participants[title]), idempotencyKey: title);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Acknowledged[title] = JsonNode.Parse(body)!["value"]!.GetValue<Guid>();
                Unacknowledged.TryRemove(title, out _);
                return true;
            }
            Unacknowledged[title] = $"{(int)response.StatusCode} {body}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Unacknowledged[title] = e.Message;
        }
        return false;
    }

    /// <summary>Waits (polling) until <paramref name="count"/> activities are acknowledged.</summary>
    public async Task WaitForAcknowledgedAsync(int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (Acknowledged.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {Acknowledged.Count} of {count} activities acknowledged within {within}; last failures: " +
                string.Join(" | ", Unacknowledged.Values.Take(3)));
            await Task.Delay(50);
        }
    }

    /// <summary>Retries every unacknowledged activity with its own key until it is acknowledged (the app is up again).</summary>
    public async Task RetryUnacknowledgedAsync()
    {
        foreach (var title in Unacknowledged.Keys.ToList())
        {
            for (var attempt = 0; attempt < 20 && !await TryAsync(title); attempt++)
                await Task.Delay(250);
            Assert.True(Acknowledged.ContainsKey(title), $"'{title}' was still not acknowledged after 20 retries: {Unacknowledged.GetValueOrDefault(title)}");
        }
    }

    /// <summary>
    /// Every acknowledged activity is stored exactly once, under the id the client was given, and no
    /// activity of this run is stored twice, acknowledged or not.
    /// </summary>
    public async Task AssertExactlyOnceAsync(Oracle oracle)
    {
        var stored = (await oracle.ListAsync("""
                select data->>'Title' || '|' || count(*) || '|' || min(stream_id::text) from marten.mt_events
                where type = 'activity_recorded' and data->>'Title' like $1 group by data->>'Title'
                """, run + " %"))
            .Select(r => r.Split('|')).ToDictionary(r => r[0], r => (Count: int.Parse(r[1]), Id: Guid.Parse(r[2])));

        Oracle.None(stored.Where(s => s.Value.Count > 1).Select(s => $"{s.Key}: stored {s.Value.Count} times").ToList(), "activities stored more than once");
        Oracle.None(Acknowledged.Where(a => !stored.TryGetValue(a.Key, out var s) || s.Id != a.Value)
            .Select(a => $"{a.Key}: acknowledged as {a.Value}, stored as {(stored.TryGetValue(a.Key, out var s) ? s.Id : "nothing")}").ToList(), "acknowledged activities lost");
    }
}
