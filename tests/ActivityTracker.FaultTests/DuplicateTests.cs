using System.Net;
using System.Text.Json.Nodes;
using ActivityTracker.FaultTests.Infrastructure;

namespace ActivityTracker.FaultTests;

/// <summary>Issue #9, 4: a request or message that arrives twice has exactly one effect.</summary>
[Collection(FaultCollection.Name), Trait("Category", "Fault")]
public class DuplicateTests(FaultFixture fault)
{
    Task<long> RecordedWithTitleAsync(string title) =>
        fault.Oracle.ScalarAsync<long>("select count(*) from marten.mt_events where type = 'activity_recorded' and data->>'Title' = $1", title);

    [Fact]
    public async Task the_same_idempotency_key_sent_twice_in_a_row_records_once_and_answers_the_same()
    {
        var title = $"Duplicate, sequential {Guid.NewGuid():N}";
        var key = $"sequential-{Guid.NewGuid():N}";

        var first = await Answer.ReadAsync(await fault.Api.PostAsync("api/activities", Bodies.Activity(title), key));
        var second = await Answer.ReadAsync(await fault.Api.PostAsync("api/activities", Bodies.Activity(title), key));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first, second);
        Assert.Equal(1, await RecordedWithTitleAsync(title));
    }

    [Fact]
    public async Task the_same_idempotency_key_sent_by_eight_clients_at_once_records_once()
    {
        var title = $"Duplicate, concurrent {Guid.NewGuid():N}";
        var key = $"concurrent-{Guid.NewGuid():N}";

        var answers = await ContentionTests.AllAtOnceAsync(8, _ => fault.Api.PostAsync("api/activities", Bodies.Activity(title), key));

        // A duplicate either gets the first answer (201, same id) or, while the first is still being
        // recorded, 409 with nothing stored; never a second activity, never a 500.
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)a.Status} {a.Body}"));
        var created = answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        Assert.Single(created.Select(a => JsonNode.Parse(a.Body)!["value"]!.GetValue<Guid>()).Distinct());
        Assert.Equal(1, await RecordedWithTitleAsync(title));

        // The client that got 409 retries, as the README tells it to: it gets the first answer.
        var retried = await Answer.ReadAsync(await fault.Api.PostAsync("api/activities", Bodies.Activity(title), key));
        Assert.Equal(created[0], retried);
        Assert.Equal(1, await RecordedWithTitleAsync(title));
    }
}
