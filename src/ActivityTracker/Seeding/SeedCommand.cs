using ActivityTracker.Reference;
using JasperFx.CommandLine;
using ActivityTracker.Decisions;
using Marten;

namespace ActivityTracker.Seeding;

[Description("Loads the demo activities from seeds/demo (idempotent: activities already there are skipped)", Name = "seed")]
public sealed class SeedCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var reference = host.Services.GetRequiredService<ReferenceData>();

        // The schema is created or updated as Marten writes; no separate db-apply is needed first.
        var today = host.Services.GetRequiredService<TimeProvider>().Today();
        var recorded = await DemoActivities.ImportAsync(store, reference, DemoActivities.DefaultFile, today);
        Console.WriteLine(recorded == 0
            ? "seed: the demo activities are already loaded."
            : $"seed: recorded {recorded} demo activities.");
        return true;
    }
}
