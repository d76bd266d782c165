using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Reference;
using Marten;

namespace ActivityTracker.Seeding;

/// <summary>An activity of <c>seeds/demo/activities.json</c>: a <see cref="RecordActivity"/> with the stream id it keeps forever.</summary>
public sealed record DemoActivity(
    Guid Id,
    string? Kind,
    string? Title,
    string? Description,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? CountryCode,
    string? ProgrammeCode,
    int? ParticipantTotal)
{
    public RecordActivity ToCommand() =>
        new(Kind, Title, Description, StartDate, EndDate, CountryCode, ProgrammeCode, ParticipantTotal);
}

/// <summary>
/// Loads the demo activities through the same rules as <c>POST /api/activities</c>.
/// Fixed stream ids make it idempotent: an activity whose stream exists is skipped.
/// </summary>
public static class DemoActivities
{
    public const string SeedUser = "demo-seed";

    public static string DefaultFile => Path.Combine(SeedFile.DefaultDirectory, "demo", "activities.json");

    /// <returns>How many activities were recorded (0 when all were there already).</returns>
    public static async Task<int> ImportAsync(IDocumentStore store, ReferenceData reference, string file, CancellationToken ct = default)
    {
        var demo = SeedFile.Read<DemoActivity>(file);
        var invalid = demo
            .Select(a => (a.Id, Errors: a.ToCommand().Check(reference)))
            .Where(a => !a.Errors.IsEmpty)
            .Select(a => $"{a.Id}: " + string.Join("; ", a.Errors.ByField.Select(f => $"{f.Key}: {string.Join(" ", f.Value)}")))
            .ToList();
        if (invalid.Count > 0)
            throw new InvalidDataException($"{file} has invalid activities, nothing was imported:{Environment.NewLine}{string.Join(Environment.NewLine, invalid)}");

        await using var session = store.LightweightSession();
        // The acting user on each seeded event, so history tells demo data from real reports.
        session.LastModifiedBy = SeedUser;
        var recorded = 0;
        foreach (var activity in demo)
        {
            if (await session.Events.FetchStreamStateAsync(activity.Id, ct) is not null)
                continue;
            session.Events.StartStream<ActivityDetails>(activity.Id, activity.ToCommand().ToEvent(activity.Id, reference));
            recorded++;
        }
        await session.SaveChangesAsync(ct);
        return recorded;
    }
}
