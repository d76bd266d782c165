using ActivityTracker.Activities;
using ActivityTracker.Activities.Annotating;
using ActivityTracker.Activities.Cancelling;
using ActivityTracker.Activities.Correcting;
using ActivityTracker.Activities.Duplicates;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Holding;
using ActivityTracker.Activities.Partnering;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Activities.Reporting;
using ActivityTracker.Activities.Rescheduling;
using ActivityTracker.Activities.Reviewing;
using ActivityTracker.Breakdowns;
using ActivityTracker.Dashboards;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Organisations;
using CsCheck;
using JasperFx.Events;
using Marten;
using Xunit.Abstractions;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

/// <summary>One step of a random history: record an activity, or send a command to one already recorded.</summary>
/// <param name="Action">Which command (0 records a new activity).</param>
/// <param name="Target">Which recorded activity it is sent to (modulo how many there are).</param>
/// <param name="Value">A figure, a code or a date, by position in a small list.</param>
/// <param name="Choice">Another, independent choice.</param>
public sealed record Step(int Action, int Target, int Value, int Choice);

/// <summary>
/// Random but valid activity histories: every step is decided by the command's own pure
/// <c>Decide</c>, and only accepted decisions produce events, so each history is one the API
/// could have stored. Small code lists make activities share countries, months, places and cells.
/// </summary>
public static class RandomHistories
{
    public const string Officer = "officer@test.local";
    public const string Manager = "manager@test.local";
    public const string Stranded = "migrants-stranded";
    /// <summary>An average (seeded: surveys only), weighted by the days it is over when a report gives them.</summary>
    public const string Arrivals = "daily-arrivals";
    public static readonly string[] Indicators = ["jobfair-hired", "countries-represented", Stranded, Arrivals];

    static readonly string[] Kinds = ["job-fair", "meeting", "congress", "survey"];
    static readonly string?[] Countries = ["MX", "GT", "CR", null];
    /// <summary>Partners in the reference organisations (the test database's directory): an activity may name one in two roles.</summary>
    public static readonly string[] Partners = ["iom", "segob-mx"];
    static readonly string[] Programmes = ["MESO-CARIB", "AVR-CARAVANS"];
    static readonly string?[] Places = ["Tijuana", "Antigua", null];
    static readonly DateOnly[] Dates = [new(2019, 2, 10), new(2019, 2, 27), new(2019, 3, 1), new(2019, 6, 15)];
    static readonly DateOnly[] Planned = [new(2027, 1, 20), new(2019, 3, 5), new(2027, 4, 1)];
    static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public static readonly Gen<Step> Step = Gen.Select(Gen.Int[0, 15], Gen.Int[0, 99], Gen.Int[0, 400], Gen.Int[0, 99], (a, t, v, c) => new Step(a, t, v, c));

    public static readonly Gen<Step[]> Steps = Step.Array[1, 40];

    /// <summary>Batch sizes, used in turn to cut a history into the batches a projection sees (or the transactions it is appended in).</summary>
    public static readonly Gen<int[]> Cuts = Gen.Int[1, 12].Array[1, 6];

    /// <summary>
    /// Which partner people came from: breaks down participants and a count of each rule (a weighted mean has no parts).
    /// The projection reads no dimension, so the stored histories use it too (<see cref="DashboardTest"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, BreakdownDimension> Dimensions { get; } = new Dictionary<string, BreakdownDimension>(StringComparer.OrdinalIgnoreCase)
    {
        ["institution"] = new(BreakdownDimension.IdFor("institution"), "institution", "Institution", "Institución", DimensionValues.Organisations, [],
            Participants: true, ["jobfair-hired", "countries-represented", Stranded]),
    };

    /// <summary>The catalog of the pure tests: the test programmes, and one indicator per aggregation rule.</summary>
    public static Catalog Catalog { get; } = TestCatalog with
    {
        Organisations = Partners.ToDictionary(code => code, code => Organisation(code, OrganisationType.Government), StringComparer.OrdinalIgnoreCase),
        Indicators = new[]
        {
            new IndicatorDefinition(IndicatorDefinition.IdFor("jobfair-hired"), "jobfair-hired", "Hired", "Contratadas", "people", AggregationRule.Sum, [Breakdown.Sex], ["job-fair"]),
            new IndicatorDefinition(IndicatorDefinition.IdFor("countries-represented"), "countries-represented", "Countries", "Países", "countries", AggregationRule.MaximumPerLocation, [], []),
            new IndicatorDefinition(IndicatorDefinition.IdFor(Stranded), Stranded, "Stranded", "Varadas", "people", AggregationRule.Latest, [], []),
            new IndicatorDefinition(IndicatorDefinition.IdFor(Arrivals), Arrivals, "Arrivals a day", "Llegadas por día", "arrivals", AggregationRule.WeightedMean, [], ["survey"],
                IndicatorMeasure.Average, "day"),
        }.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase),
        Dimensions = Dimensions,
    };

    /// <summary>
    /// The events of a history, each with the metadata the store would give it (stream, version,
    /// global sequence, timestamp, acting user), in the order they would be appended.
    /// </summary>
    public static IReadOnlyList<IEvent> Events(IEnumerable<Step> steps, Catalog catalog)
    {
        var activities = new List<ActivityDetails>();
        var events = new List<IEvent>();
        foreach (var step in steps)
        {
            var recording = step.Action == 0 || activities.Count == 0 || (step.Action >= 14 && activities.Count < 8);
            var state = recording ? null : Pick(step, activities);
            var id = state?.Id ?? Guid.CreateVersion7();
            var (decision, user) = recording ? (Record(step).Decide(id, catalog, Today), Officer) : Act(step, state!, catalog);
            if (decision is not Decision.Accepted accepted)
                continue;
            foreach (var data in accepted.Events)
            {
                var e = Event.AsEvent(data);
                e.StreamId = id;
                e.Version = (state?.Version ?? 0) + 1;
                e.Sequence = events.Count + 1;
                e.Timestamp = Start.AddMinutes(events.Count);
                e.UserName = user;
                events.Add(e);
                state = ActivityDetails.Fold(state, e);
            }
            if (recording)
                activities.Add(state!);
            else
                activities[activities.FindIndex(a => a.Id == id)] = state!;
        }
        return events;
    }

    /// <summary>The activity a step acts on; reviewers and reopeners work through the activities waiting for them.</summary>
    static ActivityDetails Pick(Step step, List<ActivityDetails> activities)
    {
        var waiting = step.Action switch
        {
            12 or 13 or 14 => activities.Where(a => a.Review == ReviewState.Submitted && !a.IsCancelled).ToList(),
            10 => activities.Where(a => a.IsCancelled || a.Review == ReviewState.Approved).ToList(),
            _ => [],
        };
        var candidates = waiting.Count > 0 ? waiting : activities;
        return candidates[step.Target % candidates.Count];
    }

    static RecordActivity Record(Step step)
    {
        var kind = Kinds[step.Value % Kinds.Length];
        var date = (step.Choice / 4 % 6) switch { < 4 and var i => (DateOnly?)Dates[i], 4 => null, _ => Planned[step.Value % Planned.Length] };
        var held = date is { Year: < 2026 };
        return new RecordActivity(
            Kind: kind, Language: "en", Title: $"A {kind}",
            PlannedStart: held ? null : date, PlannedEnd: held ? null : date,
            ActualStart: held ? date : null, ActualEnd: held && step.Value % 2 == 0 ? date : null,
            Location: Countries[step.Choice % Countries.Length] is { } country ? new LocationInput(country, null, Places[step.Value % Places.Length], null, null) : null,
            // Some activities have countries taking part (a regional meeting, or a host with guests): they count once, in one cell.
            ParticipatingCountries: (step.Value / 7 % 4) switch { 0 => ["GT", "CR"], 1 => ["MX"], _ => null },
            // Some name partners, one of them in two roles (counted once in its slice).
            Partners: (step.Choice / 12 % 4) switch
            {
                0 => [new PartnerInput(Partners[0], OrganisationRole.Implementing)],
                1 => [new PartnerInput(Partners[0], OrganisationRole.Funding), new PartnerInput(Partners[1], OrganisationRole.Implementing)],
                2 => [new PartnerInput(Partners[1], OrganisationRole.Implementing), new PartnerInput(Partners[1], OrganisationRole.Accountable)],
                _ => null,
            },
            ProgrammeCode: Programmes[step.Value / 4 % Programmes.Length],
            SectorCode: "15190",
            Participants: step.Value % 3 == 0 ? null : Participants(step),
            Outcomes: (step.Choice % 3) switch
            {
                0 => null,
                1 => [new OutcomeInput("countries-represented", step.Value % 12, ValueIsMinimum: step.Value % 3 == 0)],
                _ => [new OutcomeInput(Stranded, step.Value % 100), .. kind == "job-fair" ? [new OutcomeInput("jobfair-hired", step.Value % 40,
                          Parts: step.Value % 2 == 0 ? [new PartInput("institution", Partners[0], step.Value % 40 / 2)] : null)] : Array.Empty<OutcomeInput>(),
                      .. kind == "survey" ? [new OutcomeInput(Arrivals, step.Value % 150, Base: step.Value % 4 == 0 ? null : step.Value % 31 + 1)] : Array.Empty<OutcomeInput>()],
            });
    }

    static ParticipantsInput Participants(Step step) => new(step.Value, TotalIsMinimum: step.Choice % 5 == 0,
        Groups: [new ParticipantGroupInput(Sex.Female, AgeBand.Children, step.Value / 3), new ParticipantGroupInput(Sex.Male, step.Choice % 2 == 0 ? AgeBand.Adults : null, step.Value / 4)],
        UnaccompaniedMinors: step.Choice % 4 == 0 ? step.Value / 6 : null,
        // Some say where part of them came from ("45 of the 80 from the institute"), the rest not stated.
        Parts: step.Choice % 3 == 0 ? [new PartInput("institution", Partners[step.Value % 2], step.Value / 5)] : null);

    static CorrectionInput Correction(CorrectionReason reason) => new(reason, "Generated");

    /// <summary>The activity the generated duplicate marks point at (the projection reads nothing of it).</summary>
    static readonly Guid DuplicateOriginal = Guid.Parse("0193a1b2-0000-7000-8000-00000000d0b1");

    static (Decision, string) Act(Step step, ActivityDetails a, Catalog catalog) => step.Action switch
    {
        1 or 2 => (new ReportParticipants(a.Version, Participants(step), a.Participants is null ? null : Correction(CorrectionReason.LateData)).Decide(a, catalog), Officer),
        3 or 4 => ReportOutcome(step, a, catalog),
        5 => (new CorrectDetails(a.Version, Correction(CorrectionReason.Reclassification),
            Location: new LocationInput(Countries[step.Choice % Countries.Length], null, Places[step.Value % Places.Length], null, null)).Decide(a, catalog), Officer),
        6 => (new CorrectDetails(a.Version, Correction(CorrectionReason.Reclassification), ProgrammeCode: Programmes[step.Choice % 2], Kind: Kinds[step.Value % Kinds.Length]).Decide(a, catalog), Officer),
        7 => (new ReportHeld(a.Version, Dates[step.Value % Dates.Length], step.Choice % 2 == 0 ? null : Dates[step.Value % Dates.Length],
            a.IsHeld ? Correction(CorrectionReason.Typo) : null).Decide(a, Today), Officer),
        8 => (new RescheduleActivity(a.Version, Planned[step.Value % Planned.Length], Planned[step.Value % Planned.Length], "Venue moved").Decide(a), Officer),
        // Recorded twice: cancelled by its officer, or marked a duplicate by a manager (and unmarked again).
        9 when step.Choice % 3 == 0 => a.DuplicateOf is null
            ? (new MarkDuplicate(a.Version, DuplicateOriginal, "Recorded twice").Decide(a, a with { Id = DuplicateOriginal, DuplicateOf = null, IsCancelled = false }), Manager)
            : (new RemoveDuplicateMark(a.Version, "Two after all").Decide(a), Manager),
        9 => (new CancelActivity(a.Version, "Recorded twice").Decide(a), Officer),
        10 => (new ReopenActivity(a.Version, "Late figures").Decide(a), Manager),
        11 or 15 => (SubmitForReview.Decide(a), Officer),
        12 or 14 => (ApproveActivity.Decide(a, Manager), Manager),
        _ => (step.Choice % 4) switch
        {
            0 => (new SendBack(a.Version, "Add the sources").Decide(a), Manager),
            1 => (new AddNote(a.Version, "Confirmed by phone").Decide(a), Officer),
            2 => (new AddPartner(a.Version, Partners[step.Value % 2], OrganisationRole.Extending).Decide(a, catalog), Officer),
            _ => a.Partners.Count == 0 ? (new AddNote(a.Version, "No partner").Decide(a), Officer)
                : (new RemovePartner(a.Version, a.Partners[step.Value % a.Partners.Count].OrganisationCode, a.Partners[step.Value % a.Partners.Count].Role, "Withdrew").Decide(a), Officer),
        },
    };

    static (Decision, string) ReportOutcome(Step step, ActivityDetails a, Catalog catalog)
    {
        var indicator = Indicators[step.Choice % Indicators.Length] switch
        {
            "jobfair-hired" when a.Kind != "job-fair" => Stranded,
            Arrivals when a.Kind != "survey" => Stranded,
            var code => code,
        };
        var value = step.Value % 60;
        var earlier = a.Outcomes.Any(o => o.IndicatorCode == indicator);
        var breakdown = indicator == "jobfair-hired" ? [new OutcomeSplitInput(Breakdown.Sex, "Female", value / 2)] : Array.Empty<OutcomeSplitInput>();
        // Some are floors ("more than N"): a figure is one while any report it adds is.
        // An average's report may give the days it is over (a base), or not: the figure weighs only those that do.
        decimal? weight = indicator == Arrivals && step.Value % 3 != 0 ? step.Value % 31 + 1 : null;
        // Some counts say where part of it came from, along a defined dimension.
        PartInput[]? parts = indicator != Arrivals && step.Choice % 2 == 0 ? [new PartInput("institution", Partners[step.Value % 2], value / 3)] : null;
        return (new ReportOutcome(a.Version, new OutcomeInput(indicator, value, breakdown, ValueIsMinimum: step.Value % 5 == 0, Base: weight, Parts: parts),
            earlier ? Correction(CorrectionReason.LateData) : null).Decide(a, catalog), Officer);
    }

    /// <summary>Consecutive batches of <paramref name="events"/>, sized by <paramref name="cuts"/> in turn.</summary>
    public static IEnumerable<IReadOnlyList<T>> Batches<T>(IReadOnlyList<T> events, int[] cuts)
    {
        for (int at = 0, i = 0; at < events.Count; at += cuts[i++ % cuts.Length])
            yield return events.Skip(at).Take(cuts[i % cuts.Length]).ToList();
    }

    /// <summary>What the dashboards must hold: each activity folded once over all its events, each slice and cube cell made of its members by <see cref="DashboardSlice.Of"/>.</summary>
    public static SortedDictionary<string, string> Expected(IEnumerable<IEvent> events, IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        var activities = events.Where(e => e.Data is IActivityEvent).OrderBy(e => e.Sequence).GroupBy(e => e.StreamId)
            .Select(stream => stream.Aggregate((ReportedActivity?)null, ReportedActivity.Fold)!).ToList();
        var documents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var activity in activities)
            documents.Add($"activity {activity.Id}", DashboardDocuments.Canonical(activity));
        foreach (var slice in DashboardVerifier.Expected(activities, indicators))
            documents.Add($"slice {slice.Id}", DashboardDocuments.Canonical(slice));
        return documents;
    }
}

/// <summary>The projection's batch logic, in memory: however the events are cut into batches, the slices are those of one plain fold.</summary>
public class DashboardBatchProperties(ITestOutputHelper output)
{
    /// <summary>
    /// The daemon's steps over an in-memory store: load the batch's activities, fold them on
    /// (<see cref="DashboardProjection.Fold"/>), recompute each touched slice from the members
    /// stored before the batch plus those it updated (<see cref="DashboardProjection.Recompute"/>), store.
    /// </summary>
    /// <summary>A touched slice from its members after a batch: those stored in it the batch left alone and those it put in; null when none is left.</summary>
    static DashboardSlice? Recompute(string slice, IEnumerable<ReportedActivity> stored, IReadOnlyDictionary<Guid, ReportedActivity> updated,
        IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        var members = stored.Where(r => !updated.ContainsKey(r.Id)).Concat(updated.Values.Where(r => r.Keys.Contains(slice))).ToList();
        var colon = slice.IndexOf(':');
        return members.Count == 0 ? null : DashboardSlice.Of(slice[..colon], slice[(colon + 1)..], members, indicators);
    }

    static SortedDictionary<string, string> Project(IReadOnlyList<IEvent> events, int[] cuts, IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        var activities = new Dictionary<Guid, ReportedActivity>();
        var slices = new Dictionary<string, DashboardSlice>();
        foreach (var batch in RandomHistories.Batches(events, cuts))
        {
            var before = batch.Select(e => e.StreamId).Distinct().Where(activities.ContainsKey).ToDictionary(id => id, id => activities[id]);
            var folded = DashboardProjection.Fold(before, batch);
            foreach (var slice in folded.Touched)
            {
                var stored = activities.Values.Where(r => r.Keys.Contains(slice)).ToList();
                if (Recompute(slice, stored, folded.Updated, indicators) is { } recomputed)
                    slices[slice] = recomputed;
                else
                    slices.Remove(slice);
            }
            foreach (var (id, activity) in folded.Updated)
                activities[id] = activity;
        }
        var documents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var activity in activities.Values)
            documents.Add($"activity {activity.Id}", DashboardDocuments.Canonical(activity));
        foreach (var slice in slices.Values)
            documents.Add($"slice {slice.Id}", DashboardDocuments.Canonical(slice));
        return documents;
    }

    [Fact]
    public void any_cut_into_batches_gives_the_slices_of_one_plain_fold()
    {
        var indicators = RandomHistories.Catalog.Indicators;
        Gen.Select(RandomHistories.Steps, RandomHistories.Cuts).Sample((steps, cuts) =>
        {
            var events = RandomHistories.Events(steps, RandomHistories.Catalog);
            Project(events, cuts, indicators).ShouldEqual(RandomHistories.Expected(events, indicators));
        }, iter: 150, writeLine: output.WriteLine);
    }

    [Fact]
    public void the_histories_exercise_the_commands_that_move_figures()
    {
        // A guard on the generator: across a sample, histories record, correct, cancel, reopen, approve and re-report.
        var types = Gen.Select(RandomHistories.Steps, RandomHistories.Cuts).Array[200].Single()
            .SelectMany(x => RandomHistories.Events(x.Item1, RandomHistories.Catalog)).Select(e => e.Data).ToList();

        foreach (var type in new[] { typeof(ActivityRecorded), typeof(DetailsCorrected), typeof(ActivityCancelled), typeof(ActivityReopened),
                     typeof(ActivityApproved), typeof(SentBack), typeof(ActivityHeld), typeof(ActivityRescheduled), typeof(NoteAdded), typeof(PartnerAdded), typeof(PartnerRemoved),
                     typeof(MarkedDuplicate), typeof(DuplicateMarkRemoved) })
            Assert.Contains(types, t => t.GetType() == type);
        Assert.Contains(types, t => t is ParticipantsReported { Correction: not null });
        Assert.Contains(types, t => t is OutcomeReported { IndicatorCode: RandomHistories.Stranded, Correction: not null });
        Assert.Contains(types, t => t is DetailsCorrected { Changes.Location: not null });
        Assert.Contains(types, t => t is OutcomeReported { ValueIsMinimum: true });
        Assert.Contains(types, t => t is OutcomeReported { IndicatorCode: RandomHistories.Arrivals, Base: not null });
        Assert.Contains(types, t => t is OutcomeReported { IndicatorCode: RandomHistories.Arrivals, Base: null });
        Assert.Contains(types, t => t is ParticipantsReported { TotalIsMinimum: true });
        Assert.Contains(types, t => t is ParticipantsReported { Parts.Count: > 0 });
        Assert.Contains(types, t => t is OutcomeReported { Parts.Count: > 0, IndicatorCode: "countries-represented" or RandomHistories.Stranded });
        Assert.Contains(types, t => t is OutcomeReported { Parts.Count: > 0, IndicatorCode: "jobfair-hired" });
    }
}

/// <summary>The same property against PostgreSQL and the async daemon, for fewer histories.</summary>
public class DashboardDaemonProperties(AppFixture app) : DashboardTest(app)
{
    [Fact]
    public async Task the_daemon_stores_the_slices_of_one_plain_fold_of_the_stored_events()
    {
        var catalog = await RandomHistoryCatalogAsync();
        Assert.Equal(AggregationRule.Latest, catalog.Indicators[RandomHistories.Stranded].Aggregation);

        // Each history is appended after the previous ones, in transactions of random sizes;
        // the stored documents are compared with the fold of everything stored so far.
        // The daemon backs off to polling once a second when idle; poll faster while this test appends in bursts.
        var daemon = ((DocumentStore)App.Store).Options.Projections;
        var (slow, fast) = (daemon.SlowPollingTime, daemon.FastPollingTime);
        daemon.SlowPollingTime = daemon.FastPollingTime = TimeSpan.FromMilliseconds(50);
        try
        {
            await Gen.Select(RandomHistories.Steps, RandomHistories.Cuts).SampleAsync(async (steps, cuts) =>
            {
                foreach (var transaction in RandomHistories.Batches(RandomHistories.Events(steps, catalog), cuts))
                {
                    await using var session = App.Store.LightweightSession();
                    foreach (var stream in transaction.GroupBy(e => e.StreamId))
                    {
                        var data = stream.Select(e => e.Data).ToArray();
                        if (stream.First().Version == 1)
                            session.Events.StartStream<ActivityDetails>(stream.Key, data);
                        else
                            session.Events.Append(stream.Key, data);
                    }
                    await session.SaveChangesAsync();
                }
                await App.WaitForProjectionsAsync();

                IReadOnlyList<IEvent> stored;
                IReadOnlyDictionary<string, IndicatorDefinition> indicators;
                await using (var session = App.Store.QuerySession())
                {
                    stored = await session.Events.QueryAllRawEvents().ToListAsync();
                    indicators = await DashboardProjection.IndicatorsAsync(session, default);
                }
                (await DashboardDocuments.ReadAsync(App.Store)).ShouldEqual(RandomHistories.Expected(stored, indicators));
            }, iter: 6, threads: 1);
        }
        finally
        {
            (daemon.SlowPollingTime, daemon.FastPollingTime) = (slow, fast);
        }
    }
}

/// <summary>The running totals, in memory: changed event by event, or merged from parts, they are the figures added up afresh.</summary>
public class FiguresTallyProperties(ITestOutputHelper output)
{
    [Fact]
    public void a_tally_changed_event_by_event_or_merged_from_two_halves_is_the_figures_added_up_afresh()
    {
        var indicators = RandomHistories.Catalog.Indicators;
        Gen.Select(RandomHistories.Steps, Gen.Int[0, 1000]).Sample((steps, seed) =>
        {
            var members = new Dictionary<Guid, ReportedActivity>();
            var tally = new FiguresTally();
            foreach (var e in RandomHistories.Events(steps, RandomHistories.Catalog))
            {
                var before = members.GetValueOrDefault(e.StreamId);
                var after = ReportedActivity.Fold(before, e)!;
                members[e.StreamId] = after;
                // What cannot be undone from the totals (the largest or latest report taken out) is added up again, as the projection does.
                if (!tally.Change(before, after, indicators))
                    tally = FiguresTally.Of(members.Values, indicators);
            }
            var afresh = System.Text.Json.JsonSerializer.Serialize(Figures.Of(members.Values, indicators));
            Assert.Equal(afresh, System.Text.Json.JsonSerializer.Serialize(tally.ToFigures()));

            var half = members.Values.Where((_, i) => (i + seed) % 2 == 0).ToList();
            var merged = FiguresTally.Of(half, indicators);
            merged.Merge(FiguresTally.Of(members.Values.Except(half), indicators));
            Assert.Equal(afresh, System.Text.Json.JsonSerializer.Serialize(merged.ToFigures()));
        }, iter: 300, writeLine: output.WriteLine);
    }
}
