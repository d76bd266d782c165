using System.Net;
using System.Text.Json.Nodes;
using ActivityTracker.FaultTests.Infrastructure;
using ActivityTracker.Testing;

namespace ActivityTracker.FaultTests;

/// <summary>Issue #9, 3: many writers on one activity. Optimistic concurrency must let exactly one through per version and answer the rest 409, never 500.</summary>
[Collection(FaultCollection.Name), Trait("Category", "Fault")]
public class ContentionTests(FaultFixture fault)
{
    const int Writers = 16;

    [Fact]
    public async Task sixteen_writers_on_the_same_version_get_one_success_and_fifteen_409s_each_round()
    {
        var id = await fault.Api.RecordAsync(SampleActivities.Meeting("Contention: rounds"));
        var first = await fault.Api.VersionOfAsync(id);
        const int rounds = 5;

        for (var round = 0; round < rounds; round++)
        {
            var version = await fault.Api.VersionOfAsync(id);
            var answers = await AllAtOnceAsync(Writers, w => fault.Api.PostAsync($"api/activities/{id}/notes", new { version, text = $"round {round}, writer {w}" }));

            Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"round {round}: {(int)a.Status} {a.Body}"));
            var accepted = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            Assert.Equal(version + 1, JsonNode.Parse(accepted.Body)!["version"]!.GetValue<long>());
            foreach (var refused in answers.Where(a => a.Status == HttpStatusCode.Conflict))
            {
                Assert.Equal("application/problem+json", refused.ContentType);
                // The refusal tells the client which version to read again (absent only when the race was lost at commit).
                var current = JsonNode.Parse(refused.Body)!["currentVersion"];
                Assert.True(current is null || current.GetValue<long>() >= version, refused.Body);
            }
        }

        Assert.Equal(first + rounds, await fault.Api.VersionOfAsync(id));
        Assert.Equal(rounds, await fault.Oracle.ScalarAsync<long>("select count(*) from marten.mt_events where stream_id = $1 and type = 'note_added'", id));
        Oracle.None(await fault.Oracle.StreamGapsAsync(), "streams with a version gap");
        Oracle.None(await fault.Oracle.ActivityDetailsDifferencesAsync(), "case files that differ from their events");
    }

    [Fact]
    public async Task sixteen_writers_each_reading_and_writing_in_a_loop_each_version_is_won_once()
    {
        var id = await fault.Api.RecordAsync(SampleActivities.Meeting("Contention: free for all"));
        var first = await fault.Api.VersionOfAsync(id);
        const int attempts = 6;

        var answers = (await AllAtOnceAsync(Writers, async w =>
        {
            var mine = new List<Answer>();
            for (var i = 0; i < attempts; i++)
            {
                var version = await fault.Api.VersionOfAsync(id);
                var response = await fault.Api.PostAsync($"api/activities/{id}/notes", new { version, text = $"writer {w}, attempt {i}" });
                mine.Add(await Answer.ReadAsync(response));
            }
            return mine;
        })).SelectMany(a => a).ToList();

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.Status} {a.Body}"));
        var won = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => JsonNode.Parse(a.Body)!["version"]!.GetValue<long>()).Order().ToList();
        var last = await fault.Api.VersionOfAsync(id);
        // Every version after the first was won by exactly one writer, and nothing else was written.
        Assert.Equal(Enumerable.Range((int)first + 1, (int)(last - first)).Select(v => (long)v), won);
        Assert.Equal(won.Count, await fault.Oracle.ScalarAsync<long>("select count(*) from marten.mt_events where stream_id = $1 and type = 'note_added'", id));
        Oracle.None(await fault.Oracle.StreamGapsAsync(), "streams with a version gap");
    }

    /// <summary>Starts <paramref name="count"/> calls together (released at once) and collects what each answered.</summary>
    internal static async Task<Answer[]> AllAtOnceAsync(int count, Func<int, Task<HttpResponseMessage>> call) =>
        await AllAtOnceAsync(count, async i => await Answer.ReadAsync(await call(i)));

    internal static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(async i =>
        {
            await go.Task;
            return await call(i);
        }).ToList();
        go.SetResult();
        return await Task.WhenAll(calls);
    }
}

/// <summary>An HTTP answer, read.</summary>
public sealed record Answer(HttpStatusCode Status, string? ContentType, string Body)
{
    public static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        using (response)
            return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }
}
