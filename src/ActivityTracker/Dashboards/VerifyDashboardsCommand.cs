using System.Globalization;
using ActivityTracker.Cluster;
using ActivityTracker.Projections;
using JasperFx.CommandLine;
using Marten;

namespace ActivityTracker.Dashboards;

public sealed class VerifyDashboardsInput : CommandInput
{
    [Description("Seconds to wait for the Dashboards projection to catch up before comparing (default 30)")]
    public int WaitFlag { get; set; } = 30;
}

/// <summary>
/// Recomputes every dashboard from the events and compares it with the stored documents
/// (<see cref="DashboardVerifier"/>). Fails when anything differs, or when the projection is still
/// behind after the wait: the daemon runs in the app, so the app must be running for it to catch up.
/// </summary>
[Description("Recomputes every dashboard from the raw events and compares it with the stored ones; prints each difference and fails (exit code 1) when any, or when the projection has not caught up", Name = "verify-dashboards")]
public sealed class VerifyDashboardsCommand : JasperFxAsyncCommand<VerifyDashboardsInput>
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public override async Task<bool> Execute(VerifyDashboardsInput input)
    {
        using var host = input.BuildHost();
        return await RunAsync(host.Services, TimeSpan.FromSeconds(input.WaitFlag), Console.Out, CancellationToken.None);
    }

    /// <returns>True when the stored dashboards are exactly what the events make and the projection has processed every event.</returns>
    public static async Task<bool> RunAsync(IServiceProvider services, TimeSpan wait, TextWriter output, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var monitor = services.GetRequiredService<ProjectionLagMonitor>();
        var clock = services.GetRequiredService<TimeProvider>();

        var deadline = clock.GetUtcNow() + wait;
        var lag = await DashboardsLagAsync(monitor, ct);
        if (lag.LagEvents > 0 && wait > TimeSpan.Zero)
            output.WriteLine(Invariant($"verify-dashboards: the {DashboardProjection.Name} projection is {lag.LagEvents} events behind; waiting up to {wait.TotalSeconds:0} s for it to catch up."));
        while (lag.LagEvents > 0 && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, clock, ct);
            lag = await DashboardsLagAsync(monitor, ct);
        }

        var verification = await DashboardVerifier.VerifyAsync(store, ct);
        foreach (var difference in verification.Differences)
            output.WriteLine($"  {difference}");
        output.WriteLine(Invariant(
            $"verify-dashboards: {verification.Differences.Count} differences in {verification.Slices} slices, {verification.Cells} cube cells, {verification.Rollups} rollups, {verification.PartnerCells} partner cells and {verification.Activities} activities recomputed from the events up to sequence {verification.Sequence}, and in the activities and tallies as they stood when each of {verification.Periods} periods began."));

        var behind = lag.HighestSequence - verification.Sequence;
        if (behind > 0)
            output.WriteLine(Invariant(
                $"verify-dashboards: the projection is {behind} events behind (its oldest unprocessed event is {lag.LagSeconds:0} s old), so those were not verified; run again when it has caught up (the app's daemon runs it)."));
        return verification.Differences.Count == 0 && behind <= 0;
    }

    static async Task<ShardLag> DashboardsLagAsync(ProjectionLagMonitor monitor, CancellationToken ct) =>
        (await monitor.MeasureAsync(ct)).Single(l => l.Projection == DashboardProjection.Name);

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
