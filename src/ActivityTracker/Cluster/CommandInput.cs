using JasperFx.CommandLine;

namespace ActivityTracker.Cluster;

/// <summary>
/// What every command of this app (<c>seed</c>, <c>import</c>, <c>export</c>, <c>verify-dashboards</c>, <c>add-admin</c>)
/// runs against: the app's own host, configured as <c>Program.cs</c> builds it, with no options but the command's own.
/// JasperFx's <c>NetCoreInput</c> adds host overrides that cannot reach an already built host (environment, content root,
/// application name) and gives <c>-v</c> to two options; settings come from the environment and appsettings instead.
/// </summary>
public class CommandInput : IHostBuilderInput
{
    [IgnoreOnCommandLine]
    public IHostBuilder HostBuilder { get; set; } = null!;

    public IHost BuildHost() => HostBuilder.Build();
}
