using System.Net;
using System.Text.Json.Nodes;
using ActivityTracker.FaultTests.Infrastructure;
using ActivityTracker.Testing;

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

        var first = await Answer.ReadAsync(await fault.Api.PostAsync("api/activities", SampleActivities.Meeting(title), key));
        var second = await Answer.ReadAsync(await fault.Api.PostAsync("api/activities", SampleActivities.Meeting(title), key));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first, second);
        Assert.Equal(1, await RecordedWithTitleAsync(title));
    }

    [Fact]
    public async Task the_same_idempotency_key_sent_by_eight_clients_at_once_records_once()
    {
        var title = $"Duplicate, concurrent {Guid.NewGuid():N}";
        var key = $"concurrent-{Guid.NewGuid():N}";

        var answers = await ContentionTests.AllAtOnceAsync(8, _ => fault.Api.PostAsync("api/activities", SampleActivities.Meeting(title), key));

        // A duplicate either gets the first answer (201, same id) or, while the first is still being
        // recorded, 409 with nothing stored; never a second activity, never a 500.
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)a.Status} {a.Body}"));
        var created = answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        Assert.Single(created.Select(a => JsonNode.Parse(a.Body)!["value"]!.GetValue<Guid>()).Distinct());
        Assert.Equal(1, await RecordedWithTitleAsync(title));

        // The client that got 409 retries, as docs/guarantees.md tells it to: it gets the first answer.
        var retried = await Answer.ReadAsync(await fault.Api.PostAsync("api/activities", SampleActivities.Meeting(title), key));
        Assert.Equal(created[0], retried);
        Assert.Equal(1, await RecordedWithTitleAsync(title));
    }

    [Fact]
    public async Task a_redelivered_import_message_and_the_same_file_imported_again_record_each_row_once()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        string[] titles = [$"Imported {tag} one", $"Imported {tag} two", $"Imported {tag} three"];
        var csv = "kind,language,title,country,programme,sector,participants_total\n" +
                  string.Join("\n", titles.Select((t, i) => $"meeting,en,{t},MX,MESO-CARIB,15190,{i + 1}")) + "\n";

        var job = await fault.Api.ImportAsync(csv);
        await fault.Api.WaitForImportAsync(job, "Completed", TimeSpan.FromSeconds(60));
        foreach (var title in titles)
            Assert.Equal(1, await RecordedWithTitleAsync(title));
        var events = await fault.Oracle.ScalarAsync<long>("select count(*) from marten.mt_events");

        // The job says Completed from inside the handler; Wolverine marks the envelope handled just after it returns (a fresh-clone
        // run under load looked in between once), so wait for that mark before undoing it.
        var handledBy = DateTime.UtcNow.AddSeconds(30);
        while (await fault.Oracle.ScalarAsync<long>("select count(*) from wolverine.wolverine_incoming_envelopes where message_type like '%.RunImport' and status = 'Handled'") == 0
               && DateTime.UtcNow < handledBy)
            await Task.Delay(100);

        // A node that dies after the handler committed but before Wolverine marked the envelope
        // handled leaves it Incoming with no owner: any node recovers it and runs the handler again.
        var redelivered = await fault.Oracle.ScalarAsync<int>("""
            with redelivered as (
                update wolverine.wolverine_incoming_envelopes set status = 'Incoming', owner_id = 0, keep_until = null
                where message_type like '%.RunImport' and status = 'Handled' returning 1)
            select count(*)::int from redelivered
            """);
        Assert.True(redelivered >= 1, "the handled RunImport envelope was not kept to redeliver");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await fault.Oracle.ScalarAsync<long>("select count(*) from wolverine.wolverine_incoming_envelopes where message_type like '%.RunImport' and status = 'Incoming'") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "Wolverine did not redeliver the RunImport message within 60 s");
            await Task.Delay(200);
        }

        // The same file again is a new job: it finds every row already there.
        var again = await fault.Api.ImportAsync(csv);
        var finished = await fault.Api.WaitForImportAsync(again, "Completed", TimeSpan.FromSeconds(60));
        Assert.Equal(0, finished["recorded"]!.GetValue<int>());
        Assert.Equal(titles.Length, finished["alreadyThere"]!.GetValue<int>());

        foreach (var title in titles)
            Assert.Equal(1, await RecordedWithTitleAsync(title));
        Assert.Equal(events, await fault.Oracle.ScalarAsync<long>("select count(*) from marten.mt_events"));
    }
}
