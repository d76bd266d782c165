using System.Reflection;
using ActivityTracker.Testing;

namespace ActivityTracker.FaultTests.Infrastructure;

/// <summary>The app as the solution's build left it (the configuration this suite was built with), to run as a process.</summary>
public static class BuiltApp
{
    static readonly string Configuration =
        typeof(BuiltApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    /// <summary>The app on <paramref name="connectionString"/>, in Development, with <paramref name="settings"/> as extra environment variables.</summary>
    public static AppLaunch On(string connectionString, IReadOnlyDictionary<string, string>? settings = null) =>
        AppLaunch.Built(Configuration, connectionString, settings);

    /// <summary>Runs one of the app's commands (<c>db-apply</c>, <c>seed</c>) to its end; throws with its output unless it exits 0.</summary>
    public static Task<string> RunAsync(string connectionString, params string[] arguments) =>
        AppProcess.RunCommandAsync(On(connectionString), TimeSpan.FromMinutes(3), arguments);
}
