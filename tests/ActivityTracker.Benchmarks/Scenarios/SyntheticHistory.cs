using ActivityTracker.Activities;
using ActivityTracker.Indicators;
using ActivityTracker.Indicators.Defining;
using ActivityTracker.Organisations.Registering;
using ActivityTracker.Programmes.Registering;
using ActivityTracker.Reference;
using JasperFx.Events;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>One activity of the synthetic history: its stream id and its events, each with version and timestamp set.</summary>
public sealed record SyntheticActivity(Guid Id, IReadOnlyList<IEvent> Events);

/// <summary>
/// A realistic activity history for the bulk scenarios (P2, P3, P6), the same on every run (a
/// seeded <see cref="Random"/>): the app's own event types over the seeded programmes, their
/// countries, the activity kinds, DAC sectors, themes, organisations and indicators (only codes
/// the seeds define, each indicator only for the kinds it applies to). Each activity is recorded,
/// mostly held, then reported on (participants with a breakdown, outcomes, partners, notes, now and
/// then a late correction), submitted, approved or sent back, sometimes cancelled: about five
/// events each, in the order the domain's rules allow. Activities are recorded evenly over four
/// years (<see cref="Start"/> to <see cref="End"/>); an instant half-way through (<see cref="Midpoint"/>)
/// sees about half the history. The bulk scenarios append an activity's events together, so its later
/// events follow within the time each event has (the history's span over its events), before the next
/// activity's first: a store's sequence follows time (the events the app appends are stamped when they are
/// appended), which time travel relies on for its speed, not its answers (an event stamped earlier than one
/// before it is found as late, <c>DashboardPeriods</c>). A live history would interleave
/// the activities' events, so a month's events would touch more activities than here.
/// The history is generated lazily (it is read once per side of a scenario) and holds exactly
/// <see cref="EventCount"/> events (the last activity may be cut short, which is still a valid history).
/// </summary>
public sealed class SyntheticHistory(int eventCount, int seed = 8)
{
    public static readonly DateTimeOffset Start = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static DateTimeOffset Midpoint => Start + (End - Start) / 2;

    public const string Officer = "officer@bench.local";
    public const string Manager = "manager@bench.local";

    public int EventCount { get; } = eventCount;

    static readonly Lazy<Codes> Reference = new(Codes.Load);

    /// <summary>The history, activity by activity in the order they were recorded.</summary>
    public IEnumerable<SyntheticActivity> Activities()
    {
        var codes = Reference.Value;
        var random = new Random(seed);
        var emitted = 0;
        var gap = (End - Start) / EventCount;
        while (emitted < EventCount)
        {
            var recordedAt = Start + gap * emitted;
            var activity = Activity(random, codes, recordedAt, gap, EventCount - emitted);
            emitted += activity.Events.Count;
            yield return activity;
        }
    }

    /// <summary>Every event, in the order they are appended (activity by activity).</summary>
    public IEnumerable<IEvent> Events() => Activities().SelectMany(a => a.Events);

    static SyntheticActivity Activity(Random random, Codes codes, DateTimeOffset recordedAt, TimeSpan gap, int room)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        var id = new Guid(bytes);
        var events = new List<IEvent>();
        var at = recordedAt;
        void Add(object data, string user)
        {
            if (events.Count == room)
                return;
            var e = Typed(data);
            e.StreamId = id;
            e.Version = events.Count + 1;
            e.Timestamp = at;
            e.UserName = user;
            events.Add(e);
            // The next step follows within one event's share of the history: an activity's events are appended together
            // (see the class), so they are stamped before the next activity's first, and the store's order stays the order of time.
            at += gap * (0.1 + 0.9 * random.NextDouble());
        }

        var programme = random.NextDouble() < 0.8 ? codes.Programmes[0] : codes.Programmes[random.Next(codes.Programmes.Count)];
        // One in ten is regional: no single host country.
        var countries = programme.Countries!.OfType<string>().ToList();
        var country = random.NextDouble() < 0.1 ? null : countries[random.Next(countries.Count)];
        var kind = codes.Kinds[random.Next(codes.Kinds.Count)];
        var date = DateOnly.FromDateTime(recordedAt.UtcDateTime).AddDays(random.Next(-20, 30));
        var place = country is null ? null : $"{country} venue {random.Next(12)}";
        Add(new ActivityRecorded(id, kind, random.NextDouble() < 0.6 ? "es" : "en", $"{kind} {id.ToString("N")[..8]}",
            random.NextDouble() < 0.5 ? "Generated for the benchmarks." : null, date, date.AddDays(random.Next(0, 3)),
            new Location(country, null, place, null, null), country is null ? [.. countries.Take(3)] : [country],
            programme.Code!, codes.Sectors[random.Next(codes.Sectors.Count)], [codes.Themes[random.Next(codes.Themes.Count)]]), Officer);

        var held = random.NextDouble() < 0.85;
        int? total = null;
        if (held)
        {
            Add(new ActivityHeld(id, date, date.AddDays(random.Next(0, 3)), null), Officer);
            if (random.NextDouble() < 0.75)
            {
                total = random.Next(5, 400);
                Add(Participants(random, id, total.Value, country ?? countries[0], kind, null), Officer);
            }
            foreach (var indicator in codes.Indicators.Where(i => i.Kinds is not { Count: > 0 } ? kind is "congress" or "meeting" : i.Kinds.Contains(kind)))
                if (random.NextDouble() < 0.6)
                    Add(Outcome(random, id, indicator, country ?? countries[0], null), Officer);
        }
        if (random.NextDouble() < 0.5)
            Add(new PartnerAdded(id, codes.Organisations[random.Next(codes.Organisations.Count)], OrganisationRole.Implementing), Officer);
        if (random.NextDouble() < 0.1)
            Add(new NoteAdded(id, "Figures confirmed by phone."), Officer);
        if (total is { } reported && random.NextDouble() < 0.05)
            Add(Participants(random, id, reported + random.Next(1, 40), country ?? countries[0], kind, new Correction(CorrectionReason.LateData, "Late sign-in sheets")), Officer);

        if (random.NextDouble() < 0.03)
            Add(new ActivityCancelled(id, "Recorded twice"), Officer);
        else if (held && random.NextDouble() < 0.65)
        {
            Add(new SubmittedForReview(id), Officer);
            if (random.NextDouble() < 0.75)
                Add(new ActivityApproved(id, events.Count), Manager);
            else
                Add(new SentBack(id, "Add the sources"), Manager);
        }
        return new SyntheticActivity(id, events);
    }

    static ParticipantsReported Participants(Random random, Guid id, int total, string nationality, string kind, Correction? correction)
    {
        var women = random.Next(0, total + 1);
        var children = kind == "assisted-voluntary-return" ? random.Next(0, total - women + 1) : 0;
        return new ParticipantsReported(id, total, false,
            [new ParticipantGroup(Sex.Female, AgeBand.Adults, women), new ParticipantGroup(Sex.Male, AgeBand.Adults, total - women - children), new ParticipantGroup(null, AgeBand.Children, children)],
            kind == "assisted-voluntary-return" ? children / 2 : null,
            [new NationalityCount(nationality, total)], correction);
    }

    static OutcomeReported Outcome(Random random, Guid id, DefineIndicator indicator, string country, Correction? correction)
    {
        var value = indicator.Aggregation == AggregationRule.MaximumPerLocation ? random.Next(1, 12) : random.Next(1, 300);
        IReadOnlyList<OutcomeSplit> breakdown = indicator.Breakdowns?.FirstOrDefault() switch
        {
            Breakdown.Sex when value > 1 => [new OutcomeSplit(Breakdown.Sex, nameof(Sex.Female), value / 2), new OutcomeSplit(Breakdown.Sex, nameof(Sex.Male), value - value / 2)],
            Breakdown.Country => [new OutcomeSplit(Breakdown.Country, country, value)],
            _ => [],
        };
        return new OutcomeReported(id, indicator.Code!, value, breakdown, correction);
    }

    /// <summary>The event wrapped with its own type, as Marten appends it (<c>Event.AsEvent(object)</c> would type it <c>object</c>).</summary>
    static IEvent Typed(object data) => (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;

    /// <summary>The codes of the seeds the app is seeded with (its <c>seed</c> command reads the same files).</summary>
    sealed record Codes(IReadOnlyList<RegisterProgramme> Programmes, IReadOnlyList<string> Kinds, IReadOnlyList<string> Sectors,
        IReadOnlyList<string> Themes, IReadOnlyList<string> Organisations, IReadOnlyList<DefineIndicator> Indicators)
    {
        public static Codes Load()
        {
            var reference = CodeLists.Shipped;
            string File(string name) => Path.Combine(SeedFile.DefaultDirectory, "reference", name);
            return new Codes(
                SeedFile.Read<RegisterProgramme>(File("programmes.json")),
                [.. reference.ActivityKinds.Keys.Order(StringComparer.Ordinal)],
                [.. reference.Sectors.Keys.Order(StringComparer.Ordinal)],
                [.. reference.Themes.Keys.Order(StringComparer.Ordinal)],
                [.. SeedFile.Read<RegisterOrganisation>(File("organisations.json")).Select(o => o.Code!)],
                SeedFile.Read<DefineIndicator>(File("indicators.json")));
        }
    }
}
