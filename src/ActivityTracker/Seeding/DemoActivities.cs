using System.Text.Json;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Reference;
using Marten;

namespace ActivityTracker.Seeding;

/// <summary>
/// Loads the demo activities of <c>seeds/demo/activities.json</c>. Each entry is a
/// <see cref="RecordActivity"/> command plus the stream id it keeps forever and optional
/// notes (e.g. what the source does not say); it goes through the same rules as
/// <c>POST /api/activities</c>. Fixed ids make it idempotent: an activity whose stream
/// exists is skipped.
/// </summary>
public static class DemoActivities
{
    public const string SeedUser = "demo-seed";

    public static string DefaultFile => Path.Combine(SeedFile.DefaultDirectory, "demo", "activities.json");

    /// <returns>How many activities were recorded (0 when all were there already).</returns>
    /// <exception cref="InvalidDataException">An entry breaks the rules; nothing is imported.</exception>
    public static async Task<int> ImportAsync(IDocumentStore store, ReferenceData codes, string file, DateOnly today, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        // The acting user on each seeded event, so history tells demo data from real reports.
        session.LastModifiedBy = SeedUser;

        var decided = new List<(Guid Id, IReadOnlyList<object> Events)>();
        var problems = new List<string>();
        foreach (var entry in SeedFile.Read<JsonElement>(file))
        {
            var id = entry.GetProperty("id").GetGuid();
            var command = SeedFile.Parse<RecordActivity>(entry);
            var notes = entry.TryGetProperty("notes", out var n) ? SeedFile.Parse<string[]>(n) : [];
            switch (command.Decide(id, await command.LoadCatalogAsync(session, codes, ct), today))
            {
                case Decisions.Decision.Accepted accepted:
                    decided.Add((id, [.. accepted.Events, .. notes.Select(text => new NoteAdded(id, text))]));
                    break;
                case Decisions.Decision.Invalid invalid:
                    problems.Add($"{id}: " + string.Join("; ", invalid.Errors.ByField.Select(f => $"{f.Key}: {string.Join(" ", f.Value)}")));
                    break;
            }
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"{file} has invalid activities, nothing was imported:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

        var recorded = 0;
        foreach (var (id, events) in decided)
        {
            if (await session.Events.FetchStreamStateAsync(id, ct) is not null)
                continue;
            session.Events.StartStream<ActivityDetails>(id, events.ToArray());
            recorded++;
        }
        await session.SaveChangesAsync(ct);
        return recorded;
    }
}
