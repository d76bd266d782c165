using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using ActivityTracker.Tests.Infrastructure;
using CsCheck;
using JasperFx.Events;
using Marten;

namespace ActivityTracker.Tests.Dashboards;

/// <summary>
/// Time travel from the tallies kept by month equals folding the events again: for random histories stamped across months (now and
/// then back in time, as a late clock would), appended in random transactions with the daemon catching up in between, every read
/// as of a random instant, for random scopes, filters and dimensions, is what <see cref="DashboardSlice.Of"/> makes of the activities
/// folded from their events stamped up to that instant, and so are the activities behind a slice's figures (provenance). Most of
/// those reads must come from the kept tallies and activities, not from a fold.
/// The restating events since each instant, found from the months kept, are those a pass over every event finds.
/// </summary>
public class AsOfProperties(AppFixture app) : DashboardTest(app)
{
    // After the seeded indicators were defined (now), so their rules are those of every instant read.
    static readonly DateTimeOffset Start = new(2027, 1, 30, 8, 0, 0, TimeSpan.Zero);

    /// <summary>How far each event's stamp moves on from the one before: minutes, days, past a month's end, or back (a late event).</summary>
    static readonly Gen<int[]> Clock = Gen.Int[0, 9].Array[50];

    static TimeSpan Tick(int choice) => choice switch
    {
        < 5 => TimeSpan.FromMinutes(7),
        < 7 => TimeSpan.FromDays(9),
        8 => TimeSpan.FromDays(33),
        _ => TimeSpan.FromDays(-20),
    };

    [Fact]
    public async Task as_of_any_instant_the_tallies_kept_by_month_and_the_events_since_add_up_to_the_activities_then()
    {
        var catalog = await RandomHistoryCatalogAsync();
        var (reads, fromTallies) = (0, 0);
        var read = Gen.Select(CubeReadProperties.Scope, CubeReadProperties.Filter, Gen.Int[0, CubeReadProperties.Cuts.Length - 1], Gen.Int[0, 999]);
        await Gen.Select(RandomHistories.Steps, RandomHistories.Cuts, Clock, read.Array[12]).SampleAsync(async (steps, cuts, clock, asked) =>
        {
            var events = RandomHistories.Events(steps, catalog);
            var at = Start;
            var stamps = events.Select((_, i) => at += Tick(clock[i % clock.Length])).ToList();
            // In transactions of the cut sizes (each stream's events in one append), the daemon catching up after every other one.
            for (int from = 0, cut = 0; from < events.Count; from += cuts[cut++ % cuts.Length])
            {
                await using (var session = App.Store.LightweightSession())
                {
                    foreach (var stream in events.Select((e, i) => (Event: e, Stamp: stamps[i])).Skip(from).Take(cuts[cut % cuts.Length]).GroupBy(x => x.Event.StreamId))
                        session.Events.Append(stream.Key, stream.Select(x => (object)HistoryScenarios.Stamped(x.Event.Data, x.Stamp)).ToArray());
                    await session.SaveChangesAsync();
                }
                if (cut % 2 == 0)
                    await App.WaitForProjectionsAsync();
            }
            await App.WaitForProjectionsAsync();

            await using var query = App.Store.QuerySession();
            var history = await query.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
            var instants = history.Where(e => e.Data is IActivityEvent).Select(e => e.Timestamp).ToList();
            foreach (var (scope, filter, cutIndex, pick) in asked)
            {
                // An event's instant, just before or after one, or before everything.
                var asOf = pick < 50 ? Start.AddDays(-1) : instants[pick % instants.Count].AddSeconds(pick % 3 - 1);
                var then = history.Where(e => e.Data is IActivityEvent && e.Timestamp <= asOf).GroupBy(e => e.StreamId)
                    .Select(s => s.Aggregate((ReportedActivity?)null, ReportedActivity.Fold)).OfType<ReportedActivity>().ToList();
                var selected = then.Where(r => filter.Matches(r.Activity) && scope.Covers(r.Activity.ProgrammeCode, r.Activity.Location.CountryCode, r.Activity.ParticipatingCountries)).ToList();
                var dimension = CubeReadProperties.Cuts[cutIndex];
                var indicators = await DashboardSource.IndicatorsAsync(query, asOf, default);

                var cuts2 = await DashboardCube.CutsAsync(query, filter with { AsOf = asOf }, scope, indicators, [dimension], default);
                var context = $"{filter} as of {asOf:O} as {string.Join(',', scope.Programmes)} / {string.Join(',', scope.Countries)}";
                Assert.True((selected.Count == 0 ? "null" : DashboardDocuments.Canonical(DashboardSlice.Of("all", "all", selected, indicators))) == DashboardDocuments.Canonical(cuts2.Total),
                    $"total for {context} (folded again: {cuts2.FoldedAgain})");
                var expected = DashboardDocuments.SlicesOf(dimension, selected, filter.Role, indicators);
                Assert.True(expected.SequenceEqual(cuts2.By[dimension].Select(DashboardDocuments.Canonical)), $"{dimension} for {context} (folded again: {cuts2.FoldedAgain})");

                // The activities behind a slice's figures (provenance) as of the instant: those selected that count in it then.
                if (cuts2.By[dimension].Count > 0)
                {
                    var key = cuts2.By[dimension][pick % cuts2.By[dimension].Count].Key;
                    var members = await DashboardCube.MembersAsync(query, filter with { AsOf = asOf }, scope, new SliceKey(dimension, key), default);
                    var behind = selected.Where(r => Dimensions.KeysOf(dimension, r.Activity, filter.Role).Contains(key)).Select(r => DashboardDocuments.Canonical(r)).Order();
                    Assert.True(behind.SequenceEqual(members.Select(r => DashboardDocuments.Canonical(r with { Since = null })).Order()), $"members of {dimension}:{key} for {context}");
                }

                // By partner as of the instant, and the activities behind one partner's figures then.
                var partners = await PartnerSlices.ReadAsync(query, filter with { AsOf = asOf }, scope, indicators, default);
                Assert.True(DashboardDocuments.SlicesOf(Dimensions.Partner, selected, filter.Role, indicators).SequenceEqual(partners.Select(DashboardDocuments.Canonical)),
                    $"partners for {context}");
                var partner = RandomHistories.Partners[pick % RandomHistories.Partners.Length];
                var partnerMembers = await PartnerSlices.MembersAsync(query, filter with { AsOf = asOf }, scope, partner, default);
                Assert.True(selected.Where(r => Dimensions.PartnersOf(r.Activity).Contains(partner)).Select(r => r.Id).Order().SequenceEqual(partnerMembers.Select(r => r.Id).Order()),
                    $"members of partner {partner} for {context}");

                // The restating events since the instant (what changed) are found from the months kept, as a pass over every event finds them.
                var restated = history.GroupBy(e => e.StreamId).SelectMany(stream => RestatingEvents.Of(stream, e => e.Timestamp > asOf, _ => true)).Select(r => r.Sequence).Order();
                var found = await RestatingEvents.BetweenAsync(query, asOf, null, null, _ => true, default);
                Assert.Equal(restated, found.Select(r => r.Sequence));
                (reads, fromTallies) = (reads + 1, fromTallies + (cuts2.FoldedAgain ? 0 : 1));
            }
        }, iter: 15, threads: 1);

        // Figures that cannot be undone (a largest or latest report taken out) fold again; most reads must not.
        Assert.True(fromTallies * 3 >= reads * 2, $"{fromTallies} of {reads} reads came from the kept tallies");
    }
}
