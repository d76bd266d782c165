using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Dashboards;
using CsCheck;
using Marten;

namespace ActivityTracker.Tests.Dashboards;

/// <summary>
/// The cube answers every dashboard as <see cref="Figures.Of"/> over the activities it selects: for random
/// histories stored through the daemon, random scopes, filters and dimensions, <see cref="DashboardCube"/>
/// (cells selected in SQL, merged, edge months from their activities) equals <see cref="DashboardSlice.Of"/>
/// over the stored activities the filter matches and the scope covers, for countries as host, taking part or either.
/// </summary>
public class CubeReadProperties(AppFixture app) : DashboardTest(app)
{
    static readonly string[] Programmes = ["MESO-CARIB", "AVR-CARAVANS", "meso-carib"];
    static readonly string[] Countries = ["MX", "GT", "CR", "HN", "gt"];
    static readonly string[] Kinds = ["job-fair", "meeting", "congress", "survey"];
    internal static readonly string[] Cuts = [Dimensions.Country, Dimensions.Programme, Dimensions.Month, Dimensions.Kind, Dimensions.Status, Dimensions.Cube];
    // Month starts and ends, days inside months (edges), and dates before and after every activity.
    static readonly DateOnly[] Days = [new(2019, 2, 1), new(2019, 2, 15), new(2019, 2, 28), new(2019, 3, 1), new(2019, 3, 2), new(2019, 5, 31), new(2019, 6, 15), new(2018, 1, 1), new(2027, 1, 31), new(2027, 4, 1)];

    static Gen<string[]> SomeOf(string[] codes) => Gen.Int[0, (1 << codes.Length) - 1].Select(bits => codes.Where((_, i) => (bits >> i & 1) == 1).ToArray());

    /// <summary>The coordinates the stored cube slices answer by (<see cref="CubeSlices"/>), with the cells of activities hosted outside a scope's countries.</summary>
    static readonly string[] Coarse = [Dimensions.Country, Dimensions.Programme, Dimensions.Month, Dimensions.Cube];

    /// <summary>Cuts by no month: whole years and the whole history are read from the rollups (<see cref="CubeRollups"/>).</summary>
    static readonly string[] ByNoMonth = [Dimensions.Country, Dimensions.Programme, Dimensions.Kind, Dimensions.Status];

    /// <summary>A reader: every programme or some (possibly none), every country or some, or both; an admin now and then.</summary>
    internal static readonly Gen<AccessScope> Scope = Gen.Select(Gen.Int[0, 9], SomeOf(Programmes), SomeOf(Countries), (shape, programmes, countries) => new AccessScope(
        new HashSet<string>([shape == 0 ? Roles.Admin : Roles.Manager]),
        new HashSet<string>(shape is 1 or 2 or 5 ? [ScopeClaims.All] : programmes, StringComparer.OrdinalIgnoreCase),
        new HashSet<string>(shape is 3 or 4 or 5 ? [ScopeClaims.All] : countries, StringComparer.OrdinalIgnoreCase)));

    static Gen<T?> Maybe<T>(T[] values) where T : class => Gen.Int[0, values.Length * 2].Select(i => i < values.Length ? values[i] : null);

    static readonly Gen<DateOnly?> SomeDay = Gen.Int[0, Days.Length * 2].Select(i => i < Days.Length ? Days[i] : (DateOnly?)null);

    /// <summary>What the country filter and the country slices count: host (as often as the others together), taking part, or either.</summary>
    static readonly Gen<CountryRole> Role = Gen.Int[0, 3].Select(i => i switch { 1 => CountryRole.TakingPart, 2 => CountryRole.Any, _ => CountryRole.Host });

    internal static readonly Gen<DashboardFilter> Filter = Gen.Select(SomeDay, SomeDay, Maybe(Programmes), Maybe(Countries), Maybe(Kinds), Role,
        (from, to, programme, country, kind, role) => new DashboardFilter(from, to, programme, country, kind, null, role));

    [Fact]
    public async Task every_scope_filter_and_dimension_reads_from_the_cells_what_the_activities_add_up_to()
    {
        var catalog = await RandomHistoryCatalogAsync();

        await Gen.Select(RandomHistories.Steps, Gen.Select(Scope, Filter, Gen.Int[0, Cuts.Length - 1].Select(i => Cuts[i])).Array[20]).SampleAsync(async (steps, reads) =>
        {
            await using (var session = App.Store.LightweightSession())
            {
                foreach (var stream in RandomHistories.Events(steps, catalog).GroupBy(e => e.StreamId))
                    session.Events.StartStream<ActivityDetails>(stream.Key, stream.Select(e => e.Data).ToArray());
                await session.SaveChangesAsync();
            }
            await App.WaitForProjectionsAsync();

            await using var query = App.Store.QuerySession();
            var stored = await query.Query<ReportedActivity>().ToListAsync();
            var indicators = await DashboardProjection.IndicatorsAsync(query, default);
            // Everything unfiltered, read by a user who sees everything, comes from the stored slices: always tried once.
            var everything = (new AccessScope(new HashSet<string>([Roles.Admin]), new HashSet<string>(), new HashSet<string>()), DashboardFilter.None, Dimensions.Country);
            foreach (var (scope, filter, dimension) in reads.Append(everything))
            {
                var selected = stored
                    .Where(r => filter.Matches(r.Activity) && scope.Covers(r.Activity.ProgrammeCode, r.Activity.Location.CountryCode, r.Activity.ParticipatingCountries))
                    .ToList();
                string Say(IEnumerable<string> documents) => string.Join(Environment.NewLine, documents);
                var context = $"{filter} as {string.Join(',', scope.Programmes)} / {string.Join(',', scope.Countries)}";

                // Every dimension and the total from one read of the cells; the coarse cut from the stored cube slices; cuts by no month and
                // each dimension alone from the rollups where they answer.
                foreach (var cuts in new[] { Cuts, Coarse, ByNoMonth }.Concat(Cuts.Select(cut => new[] { cut })))
                {
                    var read = await DashboardCube.CutsAsync(query, filter, scope, indicators, cuts, default);
                    Assert.Equal(selected.Count == 0 ? "null" : DashboardDocuments.Canonical(DashboardSlice.Of("all", "all", selected, indicators)),
                        DashboardDocuments.Canonical(read.Total));
                    foreach (var cut in cuts)
                    {
                        // By country taking part (or either), an activity is in the slice of each country with that role, once.
                        var expected = DashboardDocuments.SlicesOf(cut, selected, filter.Role, indicators);
                        var actual = read.By[cut].Select(DashboardDocuments.Canonical).ToList();
                        Assert.True(expected.SequenceEqual(actual), $"{cut} of [{string.Join(',', cuts)}] for {context}:{Environment.NewLine}expected {Say(expected)}{Environment.NewLine}actual   {Say(actual)}");
                    }
                }

                // By partner (not a coordinate of the cube): the activities naming each, once however many roles it has.
                var partners = await PartnerSlices.ReadAsync(query, filter, scope, indicators, default);
                Assert.True(DashboardDocuments.SlicesOf(Dimensions.Partner, selected, filter.Role, indicators).SequenceEqual(partners.Select(DashboardDocuments.Canonical)),
                    $"partners for {context}");

                // The countries list's column: the activities each country takes part in, added up in the database.
                var expectedTakingPart = stored
                    .Where(r => scope.Covers(r.Activity.ProgrammeCode, r.Activity.Location.CountryCode, r.Activity.ParticipatingCountries))
                    .SelectMany(r => Dimensions.KeysOf(Dimensions.Country, r.Activity, CountryRole.TakingPart).Select(key => (Key: key, Activity: r)))
                    .GroupBy(m => m.Key, m => m.Activity)
                    .ToDictionary(g => g.Key, g => DashboardSlice.Of(Dimensions.Country, g.Key, g.ToList(), indicators).AllReported.Activities);
                Assert.Equal(expectedTakingPart.OrderBy(p => p.Key), (await DashboardCube.TakingPartActivitiesAsync(query, scope, default)).OrderBy(p => p.Key));

                // One slice asked by its key is that slice of the whole cut.
                var all = await DashboardCube.CutsAsync(query, filter, scope, indicators, [dimension], default);
                if (all.By[dimension].Count > 0)
                {
                    var first = all.By[dimension][0];
                    var one = await DashboardCube.SlicesAsync(query, dimension, filter, scope, indicators, default, first.Key);
                    Assert.Equal(DashboardDocuments.Canonical(first), DashboardDocuments.Canonical(Assert.Single(one)));
                    // Its members (provenance) are the selected activities it holds in the filter's role.
                    var key = new SliceKey(dimension, first.Key);
                    var members = await DashboardCube.MembersAsync(query, filter, scope, key, default);
                    Assert.Equal(selected.Where(r => key.Holds(r.Activity, filter.Role)).Select(r => r.Id).Order(), members.Select(r => r.Id).Order());
                }
            }
        }, iter: 8, threads: 1);
    }
}
