using System.Text.Json.Nodes;
using ActivityTracker.FaultTests.Infrastructure;
using ActivityTracker.Testing;

namespace ActivityTracker.FaultTests.Scale;

/// <summary>One app process of <see cref="ThreeNodes"/>, with the fault account signed in on it.</summary>
public sealed record Node(string Name, AppProcess App, Api Api)
{
    public bool IsAlive => !App.HasExited;

    /// <summary>
    /// This node's <c>daemon</c> entry in <c>/health/ready</c> says it runs the async daemon (the
    /// HotCold leader); false when it does not, or does not answer within a second or two.
    /// </summary>
    public async Task<bool> RunsTheDaemonAsync()
    {
        try
        {
            using var client = new HttpClient { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
            // 200 (Healthy or Degraded) or 503: the body says which check and why either way.
            var body = JsonNode.Parse(await client.GetStringAsync("health/ready"))!;
            var daemon = body["entries"]!["daemon"]!["data"]!;
            Assert.Equal(Name, daemon["node"]!.GetValue<string>());
            return daemon["runsHere"]!.GetValue<bool>();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}

/// <summary>
/// Issue #10, 1: three app processes (nodes) on one PostgreSQL database of their own, as a load
/// balancer would see them, each named (<c>Cluster__NodeName</c>) and with the fault account signed
/// in on it. A test may kill nodes; the next one calls <see cref="AllRunningAsync"/> to start them again.
/// </summary>
public sealed class ThreeNodes : IAsyncLifetime
{
    readonly Node?[] _nodes = new Node?[3];

    public PostgresCluster Cluster { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;
    public Oracle Oracle { get; private set; } = null!;

    /// <summary>Every node, dead or alive, in a fixed order.</summary>
    public IReadOnlyList<Node> Nodes => _nodes.Select(n => n!).ToList();

    public IReadOnlyList<Node> Alive => Nodes.Where(n => n.IsAlive).ToList();

    public async Task InitializeAsync()
    {
        Cluster = await PostgresCluster.StartAsync();
        try
        {
            ConnectionString = await FaultFixture.CreateSeededDatabaseAsync(Cluster);
            Oracle = new Oracle(ConnectionString);
            // All at once, as an orchestrator starts them: they must agree on one key ring, one daemon leader.
            var starting = Enumerable.Range(0, _nodes.Length).Select(i => StartAsync(NameOf(i))).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            catch
            {
                foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
                    await started.Result.DisposeAsync();
                throw;
            }
            var apps = starting.Select(s => s.Result).ToList();
            await FaultFixture.CreateAccountAsync(apps[0].BaseAddress);
            for (var i = 0; i < _nodes.Length; i++)
                _nodes[i] = new Node(NameOf(i), apps[i], await Api.SignInAsync(apps[i].BaseAddress, FaultFixture.Email, FaultFixture.Password));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    static string NameOf(int index) => $"node-{index + 1}";

    /// <summary>A node with the production defaults of every <c>Cluster</c> setting but its name (they share a machine).</summary>
    Task<AppProcess> StartAsync(string name) =>
        AppProcess.StartReadyAsync(BuiltApp.On(ConnectionString, new Dictionary<string, string> { ["Cluster__NodeName"] = name }));

    /// <summary>Starts again (same name, new process, new port) every node a test killed.</summary>
    public async Task AllRunningAsync()
    {
        for (var i = 0; i < _nodes.Length; i++)
        {
            if (_nodes[i] is not { IsAlive: false } dead)
                continue;
            dead.Api.Dispose();
            await dead.App.DisposeAsync();
            var app = await StartAsync(dead.Name);
            _nodes[i] = new Node(dead.Name, app, await Api.SignInAsync(app.BaseAddress, FaultFixture.Email, FaultFixture.Password));
        }
    }

    /// <summary>Waits (polling) until exactly one live node says it runs the daemon, and answers it.</summary>
    public async Task<Node> DaemonNodeAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var leaders = new List<Node>();
            foreach (var node in Alive)
                if (await node.RunsTheDaemonAsync())
                    leaders.Add(node);
            Assert.True(leaders.Count <= 1, $"{string.Join(", ", leaders.Select(l => l.Name))} all say they run the daemon");
            if (leaders.Count == 1)
                return leaders[0];
            Assert.True(DateTime.UtcNow < deadline, $"no node said it runs the daemon within {within}");
            await Task.Delay(100);
        }
    }

    /// <summary>The last lines of every node's output, for failure messages.</summary>
    public string Output => string.Join("\n", Nodes.Select(n => $"--- {n.Name} ---\n{n.App.Output}"));

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes.OfType<Node>())
        {
            node.Api.Dispose();
            await node.App.DisposeAsync();
        }
        if (Cluster is not null)
            await Cluster.DisposeAsync();
    }
}

/// <summary>The three-node tests have their own cluster and nodes; like every fault collection, they run alone.</summary>
[CollectionDefinition(Name)]
public sealed class ThreeNodesCollection : ICollectionFixture<ThreeNodes>
{
    public const string Name = "three nodes";
}
