using System.Text.Json.Nodes;
using ActivityTracker.FaultTests.Infrastructure;
using ActivityTracker.Testing;

namespace ActivityTracker.FaultTests.Scale;

/// <summary>
/// A primary cluster seeded by the app's own commands, a hot standby streaming from it (same
/// binaries), and two app nodes on the primary that read dashboards from the standby: one
/// <see cref="Pinned"/> to it (a staleness bound of an hour, so it keeps reading a paused replica),
/// one <see cref="Bounded"/> by the default bound (2 s). Each names itself to the replica
/// (<c>Application Name</c>), so the replica's <c>pg_stat_activity</c> tells whose reads it served.
/// </summary>
public sealed class ReplicaFixture : IAsyncLifetime
{
    public const string BoundedName = "dashboards-bounded";

    public PostgresCluster Primary { get; private set; } = null!;
    public PostgresCluster Replica { get; private set; } = null!;
    public AppProcess PinnedApp { get; private set; } = null!;
    public AppProcess BoundedApp { get; private set; } = null!;
    public Api Pinned { get; private set; } = null!;
    public Api Bounded { get; private set; } = null!;
    /// <summary>The SQL oracle over the primary's events, and over the replica's (what it has replayed).</summary>
    public Oracle PrimaryOracle { get; private set; } = null!;
    public Oracle ReplicaOracle { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            Primary = await PostgresCluster.StartAsync();
            var primary = await FaultFixture.CreateSeededDatabaseAsync(Primary);
            Replica = await PostgresCluster.StartStandbyAsync(Primary);
            var replica = Replica.ConnectionString("activitytracker");
            PrimaryOracle = new Oracle(primary);
            ReplicaOracle = new Oracle(replica);

            var pinned = AppProcess.StartReadyAsync(BuiltApp.On(primary, new Dictionary<string, string>
            {
                ["ConnectionStrings__DashboardReads"] = replica + ";Application Name=dashboards-pinned",
                ["Dashboards__MaxReplicaStalenessSeconds"] = "3600",
            }));
            var bounded = AppProcess.StartReadyAsync(BuiltApp.On(primary, new Dictionary<string, string>
            {
                ["ConnectionStrings__DashboardReads"] = replica + ";Application Name=" + BoundedName,
            }));
            PinnedApp = await pinned;
            BoundedApp = await bounded;
            await FaultFixture.CreateAccountAsync(PinnedApp.BaseAddress);
            Pinned = await Api.SignInAsync(PinnedApp.BaseAddress, FaultFixture.Email, FaultFixture.Password);
            Bounded = await Api.SignInAsync(BoundedApp.BaseAddress, FaultFixture.Email, FaultFixture.Password);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Country and programme totals as <paramref name="api"/>'s dashboards show them: slice id to "activities/participants".</summary>
    public static async Task<Dictionary<string, string>> DashboardTotalsAsync(Api api)
    {
        var totals = new Dictionary<string, string>();
        foreach (var dimension in new[] { "countries", "programmes" })
        {
            var response = await api.Client.GetAsync($"api/dashboards/{dimension}");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"GET api/dashboards/{dimension}: {(int)response.StatusCode} {text}");
            foreach (var view in JsonNode.Parse(text)!.AsArray())
                totals[$"{view!["dimension"]}:{view["key"]}"] = $"{view["allReported"]!["activities"]}/{view["allReported"]!["participants"]}";
        }
        return totals;
    }

    /// <summary>The <c>dashboardReads</c> entry of the node's <c>/health/ready</c>.</summary>
    public static async Task<JsonObject> ReadsHealthAsync(Api api) =>
        (await api.GetJsonAsync("health/ready"))["entries"]!["dashboardReads"]!.AsObject();

    /// <summary>Resumes replay (whatever a test left) and waits until the replica has replayed all the primary has written.</summary>
    public async Task ReplicaCaughtUpAsync(TimeSpan within)
    {
        await ReplicaOracle.ScalarAsync<object>("select pg_wal_replay_resume()");
        var written = await PrimaryOracle.ScalarAsync<string>("select pg_current_wal_lsn()::text");
        await Poll.UntilAsync(async () => await ReplicaOracle.ScalarAsync<bool>("select pg_last_wal_replay_lsn() >= $1::pg_lsn", written), within,
            () => $"the replica did not replay up to {written}");
    }

    /// <summary>Pauses the replica's replay and waits until it has stopped: from then on it holds still.</summary>
    public async Task PauseReplayAsync()
    {
        await ReplicaOracle.ScalarAsync<object>("select pg_wal_replay_pause()");
        await Poll.UntilAsync(async () => await ReplicaOracle.ScalarAsync<string>("select pg_get_wal_replay_pause_state()") == "paused", TimeSpan.FromSeconds(10),
            () => "the replica's replay did not pause");
    }

    public async Task DisposeAsync()
    {
        Pinned?.Dispose();
        Bounded?.Dispose();
        foreach (var app in new[] { PinnedApp, BoundedApp })
            if (app is not null)
                await app.DisposeAsync();
        if (Replica is not null)
            await Replica.DisposeAsync();
        if (Primary is not null)
            await Primary.DisposeAsync();
    }
}

/// <summary>The replica tests share one primary, standby and pair of nodes.</summary>
[CollectionDefinition(Name)]
public sealed class ReplicaCollection : ICollectionFixture<ReplicaFixture>
{
    public const string Name = "replica";
}
