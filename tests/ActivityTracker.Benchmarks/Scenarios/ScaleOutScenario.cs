using System.Net;
using ActivityTracker.Benchmarks.Harness;
using ActivityTracker.Dashboards;

namespace ActivityTracker.Benchmarks.Scenarios;

/// <summary>
/// P9: the same deployment on 1, 2 and 3 app nodes sharing one PostgreSQL (HotCold: one node runs
/// the projections), each load spread evenly over the nodes: recording (closed loop, 8 clients) and
/// Mexico's dashboard (closed loop, 16 clients). The baseline of each row is one node in the same
/// run, so the ratio says what the extra nodes bring on this machine. The figures per node that a
/// scale plan needs come with it: the app's CPU per request (summed over the nodes) and the server
/// connections each node holds. On one machine the nodes share its cores with PostgreSQL: this
/// measures the cost of more nodes, not the gain of more machines.
/// </summary>
public sealed class ScaleOutScenario : IScenario
{
    const string Dashboard = "/api/dashboards/countries/MX";
    const int Writers = 8;
    const int Readers = 16;
    static readonly int[] NodeCounts = [1, 2, 3];

    public string Id => "P9";
    public string Title => "1, 2 and 3 app nodes on one PostgreSQL";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var nodes = new List<ProductApp> { await ProductApp.StartAsync(context, "p9") };
        try
        {
            var numbers = 0;
            var failures = new Failures();
            Task<bool> Record(int client) => failures.GuardAsync(async () =>
                await failures.CheckAsync(await nodes[client % nodes.Count].Officer.PostAsJsonAsync("/api/activities",
                    SampleActivities.Number(Interlocked.Increment(ref numbers)), AppJson.Options), HttpStatusCode.Created));
            Task<bool> Read(int client) => failures.GuardAsync(async () =>
                await failures.CheckAsync(await nodes[client % nodes.Count].Manager.GetAsync(Dashboard), HttpStatusCode.OK));

            var duration = TimeSpan.FromSeconds(context.Sizes.WriteSeconds);
            // As long as the measurement: a new node's ReadyToRun code is recompiled by the tiered JIT for its
            // first tens of seconds, which a short warm-up leaves inside the measured window (app CPU per write doubled).
            var warmUp = duration;
            var results = new List<ScenarioResult>();
            Measured? oneNodeWrites = null, oneNodeReads = null;
            foreach (var count in NodeCounts)
            {
                while (nodes.Count < count)
                {
                    context.Step(Id, $"starting node {nodes.Count + 1}");
                    nodes.Add(await ProductApp.JoinAsync(context, nodes[0], $"p9-node{nodes.Count + 1}"));
                }
                // Every node's first requests compile and warm its pools: not measured.
                context.Step(Id, $"{count} node(s): warming up for {warmUp.TotalSeconds} s");
                await Load.RunAsync(Writers, warmUp, Record);
                await Load.RunAsync(Readers, warmUp, Read);

                context.Step(Id, $"{count} node(s): recording with {Writers} clients for {duration.TotalSeconds} s");
                var writes = await MeasureAsync(nodes, Writers, duration, Record);
                context.Step(Id, $"{count} node(s): {writes.Outcome.PerSecond} writes/s; waiting for the dashboards to catch up before reading");
                await ProjectionProgress.WaitCaughtUpAsync(nodes[0].ConnectionString, $"{DashboardProjection.Name}:All", TimeSpan.FromMinutes(5));
                context.Step(Id, $"{count} node(s): reading with {Readers} clients for {duration.TotalSeconds} s");
                var reads = await MeasureAsync(nodes, Readers, duration, Read);
                context.Step(Id, $"{count} node(s): {reads.Outcome.PerSecond} reads/s");

                oneNodeWrites ??= writes;
                oneNodeReads ??= reads;
                results.Add(Row(count, $"record an activity, {Writers} clients over {count} node(s)", "ops/s", writes, oneNodeWrites, failures));
                results.Add(Row(count, $"dashboard read (country MX), {Readers} clients over {count} node(s)", "requests/s", reads, oneNodeReads, failures));
            }
            return results;
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    sealed record Measured(Load.Outcome Outcome, int PeakConnections, double CpuMsPerOperation);

    static async Task<Measured> MeasureAsync(IReadOnlyList<ProductApp> nodes, int clients, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        var cpu = nodes.Select(n => n.Process.ProcessorTime).ToArray();
        await using var connections = ConnectionPeak.Watch(nodes[0].ConnectionString);
        var outcome = await Load.RunAsync(clients, duration, operation);
        var used = nodes.Select((n, i) => (n.Process.ProcessorTime - cpu[i]).TotalMilliseconds).Sum();
        return new Measured(outcome, connections.Peak, Math.Round(used / Math.Max(1, outcome.Operations), 2));
    }

    ScenarioResult Row(int nodes, string name, string unit, Measured measured, Measured oneNode, Failures failures)
    {
        var details = new Dictionary<string, double>(measured.Outcome.Details())
        {
            ["per node"] = Math.Round(measured.Outcome.PerSecond / nodes, 1),
            ["app CPU ms/op"] = measured.CpuMsPerOperation,
            // Not P8's figure (that is per app): the database's peak over every node, and its share per node.
            ["peak connections, all nodes"] = measured.PeakConnections,
            ["peak connections per node"] = Math.Round((double)measured.PeakConnections / nodes, 1),
        };
        var row = ScenarioResult.Reported(Id, name, unit, measured.Outcome.PerSecond, oneNode.Outcome.PerSecond, details, "baseline: 1 node in this run");
        return measured.Outcome.Failures > 0 ? row.Invalid(failures.Describe(measured.Outcome.Failures)) : row;
    }
}
