using ActivityTracker.Access;
using ActivityTracker.Dashboards;
using JasperFx.Events.Daemon;

namespace ActivityTracker.Tests.Dashboards;

/// <summary>
/// Reads kept until a cell they read changes (<see cref="DashboardReadCache"/>): the same read again is the same answer
/// while writes elsewhere flow, a new one once a cell it reads moved, and every read again after a rebuild.
/// </summary>
public class DashboardReadCacheTests(AppFixture app) : DashboardTest(app)
{
    static readonly AccessScope Manager = new(new HashSet<string> { Roles.Manager }, new HashSet<string>(), new HashSet<string> { ScopeClaims.All });

    async Task<CubeCuts> GuatemalaByMonthAsync()
    {
        await using var session = App.Store.QuerySession();
        var indicators = await DashboardProjection.IndicatorsAsync(session, default);
        return await DashboardCube.CutsAsync(session, DashboardFilter.None with { Kind = "training" }, Manager, indicators, [Dimensions.Month], default,
            new SliceKey(Dimensions.Country, "GT"));
    }

    [Fact]
    public async Task a_read_is_kept_while_writes_touch_other_cells_and_read_again_once_one_of_its_cells_changed()
    {
        await Host.RecordAsync(Held("training", "GT", Day(2019, 3, 12), participants: 40));
        await App.WaitForProjectionsAsync();
        var first = await GuatemalaByMonthAsync();
        Assert.Same(first, await GuatemalaByMonthAsync());

        // Another country, another kind of Guatemala's: cells the read does not select.
        await Host.RecordAsync(Held("training", "MX", Day(2019, 3, 12), participants: 7));
        await Host.RecordAsync(Held("meeting", "GT", Day(2019, 3, 12), participants: 9));
        await App.WaitForProjectionsAsync();
        Assert.Same(first, await GuatemalaByMonthAsync());

        // Another training in Guatemala: a cell the read selects.
        await Host.RecordAsync(Held("training", "GT", Day(2019, 5, 2), participants: 12));
        await App.WaitForProjectionsAsync();
        var second = await GuatemalaByMonthAsync();
        Assert.NotSame(first, second);
        Assert.Equal((1, 40L), (first.Total!.AllReported.Activities, first.Total.AllReported.Participants));
        Assert.Equal((2, 52L), (second.Total!.AllReported.Activities, second.Total.AllReported.Participants));
        Assert.Equal(["2019-03", "2019-05"], second.By[Dimensions.Month].Select(m => m.Key));
    }

    [Fact]
    public async Task reads_asked_at_once_are_made_once()
    {
        await Host.RecordAsync(Held("training", "GT", Day(2019, 3, 12), participants: 40));
        await App.WaitForProjectionsAsync();
        var made = 0;
        var release = new TaskCompletionSource();
        async Task<string[]> ReadAsync()
        {
            Interlocked.Increment(ref made);
            await release.Task;
            return ["read"];
        }
        async Task<string[]> AskAsync()
        {
            await using var session = App.Store.QuerySession();
            return await DashboardReadCache.Of(App.Store).ReadAsync(session, nameof(reads_asked_at_once_are_made_once), DashboardInterest.All, Manager,
                _ => ReadAsync(), answer => answer.Length, default);
        }

        var asked = Enumerable.Range(0, 5).Select(_ => AskAsync()).ToList();
        await Task.Delay(200);
        release.SetResult();
        var answers = await Task.WhenAll(asked);

        Assert.Equal(1, made);
        Assert.All(answers, a => Assert.Same(answers[0], a));
    }

    [Fact]
    public async Task past_the_slices_kept_the_oldest_read_is_dropped()
    {
        await Host.RecordAsync(Held("training", "GT", Day(2019, 3, 12), participants: 40));
        await App.WaitForProjectionsAsync();
        var made = new List<string>();
        async Task<string[]> AskAsync(string what)
        {
            await using var session = App.Store.QuerySession();
            // Each read as large as three fifths of what is kept: the second pushes the first out.
            return await DashboardReadCache.Of(App.Store).ReadAsync(session, what, DashboardInterest.All, Manager,
                _ => { made.Add(what); return Task.FromResult(new[] { what }); }, _ => DashboardReadCache.MostSlicesKept * 3 / 5, default);
        }

        await AskAsync("first");
        await AskAsync("first");
        await AskAsync("second");
        await AskAsync("second");
        await AskAsync("first");

        Assert.Equal(["first", "second", "first"], made);
    }

    [Fact]
    public async Task a_rebuild_drops_every_kept_read_even_back_at_the_same_sequence()
    {
        await Host.RecordAsync(Held("training", "GT", Day(2019, 3, 12), participants: 40));
        await App.WaitForProjectionsAsync();
        var before = await GuatemalaByMonthAsync();

        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync(DashboardProjection.Name, TimeSpan.FromSeconds(30), CancellationToken.None);
        await App.WaitForProjectionsAsync();

        var after = await GuatemalaByMonthAsync();
        Assert.NotSame(before, after);
        Assert.Equal(DashboardDocuments.Canonical(before.Total!), DashboardDocuments.Canonical(after.Total!));
    }
}
