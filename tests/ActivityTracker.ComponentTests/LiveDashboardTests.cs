using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Components.Dashboards;
using ActivityTracker.Dashboards;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActivityTracker.ComponentTests;

/// <summary>An open dashboard page reads again only when a cell it shows changed, and not while its browser is away.</summary>
public sealed class LiveDashboardTests : ComponentTest
{
    /// <summary>A page of Mexico's dashboard that counts its reads.</summary>
    class MexicoPage : LiveDashboard
    {
        public int Reads { get; private set; }

        protected override Task LoadAsync()
        {
            Reads++;
            return Task.CompletedTask;
        }

        protected override DashboardInterest Interest => new(DashboardFilter.None, new SliceKey(Dimensions.Country, "MX"));
    }

    /// <summary>A page that reads again only the months a change touched.</summary>
    sealed class MexicoMonthsPage : MexicoPage
    {
        public List<IReadOnlySet<string>?> Refreshed { get; } = [];

        protected override Task RefreshAsync(DashboardTouch touch, AccessScope scope)
        {
            Refreshed.Add(touch.MonthsIn(Interest, scope));
            return Task.CompletedTask;
        }
    }

    readonly DashboardUpdates _updates;
    readonly CircuitPresence _presence;

    // The updates are never started: the test tells pages itself, as the polling loop does when the projection moved.
    public LiveDashboardTests() : this(new DashboardUpdates(null!, TimeProvider.System, NullLogger<DashboardUpdates>.Instance), new CircuitPresence())
    {
    }

    LiveDashboardTests(DashboardUpdates updates, CircuitPresence presence) : base(context =>
    {
        context.Services.AddSingleton(updates);
        context.Services.AddSingleton(presence);
        context.AddAuthorization().SetAuthorized("manager@demo.local").SetRoles(Roles.Manager)
            .SetClaims(new Claim(ScopeClaims.Programme, ScopeClaims.All), new Claim(ScopeClaims.Country, ScopeClaims.All));
    })
    {
        _updates = updates;
        _presence = presence;
    }

    /// <summary>A page whose reads wait for the test, counting how many run at once.</summary>
    sealed class SlowPage : LiveDashboard
    {
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Running { get; private set; }
        public int MostAtOnce { get; private set; }
        public int Refreshes { get; private set; }

        protected override Task LoadAsync() => ReadAsync();

        protected override async Task RefreshAsync(DashboardTouch touch, AccessScope scope)
        {
            Refreshes++;
            await ReadAsync();
        }

        async Task ReadAsync()
        {
            MostAtOnce = Math.Max(MostAtOnce, ++Running);
            await Gate.Task;
            Running--;
        }

        protected override DashboardInterest Interest => new(DashboardFilter.None, new SliceKey(Dimensions.Country, "MX"));
    }

    static DashboardTouch Cell(string host, string month = "2019-02") => DashboardTouch.Of([$"cell:MESO-CARIB|{host}||{month}|job-fair|Completed"]);

    [Fact]
    public async Task reads_again_for_a_change_to_its_cells_only()
    {
        var page = Render<MexicoPage>();
        Assert.Equal(1, page.Instance.Reads);

        await _updates.TellAsync(Cell("GT"));
        Assert.Equal(1, page.Instance.Reads);

        await _updates.TellAsync(Cell("MX"));
        Assert.Equal(2, page.Instance.Reads);
    }

    [Fact]
    public async Task reads_nothing_while_its_browser_is_away_and_catches_up_once_when_it_is_back()
    {
        var page = Render<MexicoPage>();
        var circuit = (Circuit)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(Circuit));

        await _presence.OnConnectionDownAsync(circuit, default);
        await _updates.TellAsync(Cell("MX"));
        await _updates.TellAsync(Cell("MX"));
        Assert.Equal(1, page.Instance.Reads);

        await _presence.OnConnectionUpAsync(circuit, default);
        Assert.Equal(2, page.Instance.Reads);

        await _presence.OnConnectionDownAsync(circuit, default);
        await _presence.OnConnectionUpAsync(circuit, default);
        Assert.Equal(2, page.Instance.Reads);
    }

    [Fact]
    public async Task a_page_of_parts_is_handed_what_changed_and_reads_everything_when_that_is_not_known_or_it_was_away()
    {
        var page = Render<MexicoMonthsPage>();

        await _updates.TellAsync(Cell("MX", "2019-03"));
        await _updates.TellAsync(Cell("GT", "2019-04"));
        Assert.Equal(["2019-03"], Assert.Single(page.Instance.Refreshed)!);
        Assert.Equal(1, page.Instance.Reads);

        await _updates.TellAsync(DashboardTouch.Everything);
        Assert.Null(page.Instance.Refreshed[^1]);

        var circuit = (Circuit)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(Circuit));
        await _presence.OnConnectionDownAsync(circuit, default);
        await _updates.TellAsync(Cell("MX", "2019-05"));
        await _presence.OnConnectionUpAsync(circuit, default);
        Assert.Equal(2, page.Instance.Refreshed.Count);
        Assert.Equal(2, page.Instance.Reads);
    }

    [Fact]
    public async Task a_refresh_told_while_the_page_reads_waits_for_that_read()
    {
        var page = Render<SlowPage>();

        var told = _updates.TellAsync(Cell("MX"));
        Assert.Equal((1, 0), (page.Instance.Running, page.Instance.Refreshes));

        page.Instance.Gate.SetResult();
        await told;
        Assert.Equal((1, 1), (page.Instance.MostAtOnce, page.Instance.Refreshes));
    }

    [Fact]
    public async Task a_closed_page_is_told_nothing()
    {
        var page = Render<MexicoPage>().Instance;
        await DisposeComponentsAsync();

        await _updates.TellAsync(Cell("MX"));

        Assert.Equal(1, page.Reads);
    }
}
