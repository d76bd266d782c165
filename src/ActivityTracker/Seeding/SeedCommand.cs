using ActivityTracker.Access;
using ActivityTracker.Cluster;
using ActivityTracker.Commands;
using ActivityTracker.Reference;
using JasperFx.CommandLine;
using Marten;

namespace ActivityTracker.Seeding;

[Description("Loads the reference streams (seeds/reference), the demo activities (seeds/demo) and, in Development, the demo accounts; idempotent: what is there already is skipped", Name = "seed")]
public sealed class SeedCommand : JasperFxAsyncCommand<CommandInput>
{
    public override async Task<bool> Execute(CommandInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var reference = host.Services.GetRequiredService<ReferenceData>();

        // In Development the schema is created as Marten writes; elsewhere nothing is created (AutoCreate.None): run db-apply first.
        // Reference streams first: activities name their programme and, later, organisations and indicators.
        var started = await ReferenceStreams.ImportAsync(store, SeedFile.DefaultDirectory);
        Console.WriteLine(started == 0
            ? "seed: the reference activity kinds, indicators, organisations and programmes are already loaded."
            : $"seed: started {started} reference streams (activity kinds, indicators, organisations, programmes).");
        var today = host.Services.GetRequiredService<TimeProvider>().Today();
        var recorded = await DemoActivities.ImportAsync(store, reference, DemoActivities.DefaultFile, today);
        Console.WriteLine(recorded == 0
            ? "seed: the demo activities are already loaded."
            : $"seed: recorded {recorded} demo activities.");

        // Demo accounts exist only in Development; elsewhere the app refuses to start with them.
        if (host.Services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            await host.Services.MigrateIdentityAsync();
            var created = await DemoUsers.EnsureAsync(host.Services, DemoUsers.Password);
            Console.WriteLine(created.Count == 0 ? "seed: the demo accounts are already there." : $"seed: created the demo accounts {string.Join(", ", created)}.");
        }
        return true;
    }
}
