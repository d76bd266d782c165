using ActivityTracker.Breakdowns;
using ActivityTracker.Breakdowns.Defining;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Indicators.Defining;
using ActivityTracker.Kinds.Adding;
using ActivityTracker.Organisations;
using ActivityTracker.Organisations.Registering;
using ActivityTracker.Programmes;
using ActivityTracker.Programmes.Registering;
using ActivityTracker.Reference;
using Marten;

namespace ActivityTracker.Seeding;

/// <summary>
/// Loads the activity kinds, indicators, breakdown dimensions, organisations and programmes of <c>seeds/reference</c> as streams,
/// through the same rules as their registration endpoints. Stream ids come from the codes, so
/// a stream that exists is skipped and importing twice is harmless; changes made since through
/// the API are kept.
/// </summary>
public static class ReferenceStreams
{
    /// <summary>The first event of one stream to start, and the stream's aggregate.</summary>
    sealed record Registration(Type Aggregate, IRegistration Registered);

    /// <returns>How many streams were started (0 when all were there already).</returns>
    /// <exception cref="InvalidDataException">An entry breaks a rule; it names the file, entry and field, and nothing is imported.</exception>
    public static async Task<int> ImportAsync(IDocumentStore store, string seedsDirectory, CancellationToken ct = default)
    {
        var reference = ReferenceData.Load(seedsDirectory);
        var folder = Path.Combine(seedsDirectory, "reference");
        var problems = new List<string>();

        // Kinds first: indicators name them; then indicators: breakdown dimensions and programme targets name them. A kind whose
        // stream exists is skipped below, like every registration, so none is refused here as taken.
        var kinds = Read<AddActivityKind, ActivityKindDetails>(Path.Combine(folder, "activity-kinds.json"), k => k.Code,
            k => k.Decide([], new Dictionary<string, NamedCode>()).Kind, problems);
        var indicators = Read<DefineIndicator, IndicatorDefinition>(Path.Combine(folder, "indicators.json"), i => i.Code, i => i.Decide(reference.SeededKinds), problems);
        var defined = indicators.Select(r => r.Registered).OfType<IndicatorDefined>().ToDictionary(i => i.Code, i => new IndicatorDefinition(
            i.IndicatorId, i.Code, i.NameEn, i.NameEs, i.Unit, i.Aggregation, i.Breakdowns, i.Kinds, i.Measure, i.Per), StringComparer.OrdinalIgnoreCase);
        var registrations = kinds
            .Concat(indicators)
            .Concat(Read<DefineBreakdown, BreakdownDimension>(Path.Combine(folder, "breakdowns.json"), b => b.Code, b => b.Decide(defined), problems))
            .Concat(Read<RegisterOrganisation, OrganisationDetails>(Path.Combine(folder, "organisations.json"), o => o.Code, o => o.Decide(), problems))
            .Concat(Read<RegisterProgramme, ProgrammeDetails>(Path.Combine(folder, "programmes.json"), p => p.Code, p => p.Decide(reference), problems))
            .ToList();
        if (problems.Count > 0)
            throw new InvalidDataException(
                $"The reference seed files in {folder} have invalid entries, nothing was imported:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

        await using var session = store.LightweightSession();
        // The acting user on each seeded event, so history tells seeded reference data from changes made through the API.
        session.LastModifiedBy = DemoActivities.SeedUser;
        var started = 0;
        foreach (var registration in registrations)
        {
            if (await session.Events.FetchStreamStateAsync(registration.Registered.StreamId, ct) is not null)
                continue;
            session.Events.StartStream(registration.Aggregate, registration.Registered.StreamId, registration.Registered);
            started++;
        }
        await session.SaveChangesAsync(ct);
        return started;
    }

    /// <summary>The entries of one file as registrations; each broken entry, or a code used twice, adds a line to <paramref name="problems"/>.</summary>
    static List<Registration> Read<TCommand, TAggregate>(string file, Func<TCommand, string?> code, Func<TCommand, Decision> decide,
        List<string> problems) where TCommand : class
    {
        var registrations = new List<Registration>();
        var entries = SeedFile.Read<TCommand?>(file);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var where = $"{Path.GetFileName(file)} entry {i + 1}";
            if (entry is null)
            {
                problems.Add($"{where}: an object is expected, not null.");
                continue;
            }
            where += $" ('{code(entry)}')";

            var decision = decide(entry);
            if (decision is Decision.Invalid invalid)
            {
                problems.Add($"{where}: " + string.Join("; ", invalid.Errors.ByField.Select(f => $"{f.Key}: {string.Join(" ", f.Value)}")));
                continue;
            }
            var registration = new Registration(typeof(TAggregate), NamedStreams.Registered((Decision.Accepted)decision));
            if (registrations.Any(r => r.Registered.StreamId == registration.Registered.StreamId))
                problems.Add($"{where}: code: '{registration.Registered.Code}' is used by an earlier entry of the file.");
            else
                registrations.Add(registration);
        }
        return registrations;
    }
}
