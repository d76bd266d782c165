using JasperFx;
using Marten;
using Npgsql;
using Weasel.Core.Migrations;
using Wolverine;

namespace ActivityTracker.Hosting;

/// <summary>
/// What a deployment outside Development must not run with: the development database, a secret
/// that is a placeholder or sits in a settings file, a store that creates its own schema, or a
/// database whose schema <c>db-apply</c> has not brought to this version. Each problem names the
/// setting to change; <see cref="ProductionGuard"/> refuses to start while there is any.
/// </summary>
public static class ProductionSettings
{
    public const string ConnectionStringKey = "ConnectionStrings:Postgres";
    public const string DashboardReadsKey = "ConnectionStrings:DashboardReads";
    public const string OidcSecretKey = "Authentication:Oidc:ClientSecret";

    /// <summary>The one in appsettings.Development.json (a test keeps them equal): a local cluster, no password.</summary>
    public const string DevelopmentConnectionString = "Host=127.0.0.1;Port=55432;Database=activitytracker;Username=postgres";

    /// <summary>Passwords of samples and compose files; a deployment sets its own.</summary>
    static readonly string[] Placeholders = ["postgres", "password", "changeme", "change-me", "secret", "example", "admin"];

    /// <summary>The settings' problems; empty when the configuration is fit for production.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, AutoCreate marten, AutoCreate wolverine)
    {
        var problems = new List<string>();
        var connectionString = configuration[ConnectionStringKey];
        if (connectionString is { Length: > 0 })
        {
            var given = new NpgsqlConnectionStringBuilder(connectionString);
            var development = new NpgsqlConnectionStringBuilder(DevelopmentConnectionString);
            if (SameDatabase(given, development) && string.IsNullOrEmpty(given.Password))
                problems.Add($"{ConnectionStringKey} is the development default ({DevelopmentConnectionString}): set ConnectionStrings__Postgres to the production database.");
            PasswordProblems(configuration, ConnectionStringKey, given.Password, problems);
        }
        // The dashboard replica's password is a database secret like the primary's.
        if (configuration[DashboardReadsKey] is { Length: > 0 } replica)
            PasswordProblems(configuration, DashboardReadsKey, new NpgsqlConnectionStringBuilder(replica).Password, problems);

        if (configuration["Authentication:Oidc:Authority"] is { Length: > 0 })
        {
            var secret = configuration[OidcSecretKey];
            if (string.IsNullOrEmpty(secret) || IsPlaceholder(secret))
                problems.Add($"{OidcSecretKey} is missing or a placeholder while Authentication:Oidc:Authority is set: set Authentication__Oidc__ClientSecret.");
            else if (FileThatSets(configuration, OidcSecretKey) is { } file)
                problems.Add($"{OidcSecretKey} is read from {file}: secrets come only from the environment (Authentication__Oidc__ClientSecret).");
        }

        // The schema is a deploy step (db-apply), never a side effect of whichever node starts first.
        if (marten != AutoCreate.None)
            problems.Add($"Marten's AutoCreateSchemaObjects is {marten}: outside Development it must be None (CritterStackDefaults Production.ResourceAutoCreate); run db-apply to change the schema.");
        if (wolverine != AutoCreate.None)
            problems.Add($"Wolverine's AutoBuildMessageStorageOnStartup is {wolverine}: outside Development it must be None (CritterStackDefaults Production.ResourceAutoCreate); run db-apply to change the schema.");
        return problems;
    }

    static void PasswordProblems(IConfiguration configuration, string key, string? password, List<string> problems)
    {
        var variable = key.Replace(":", "__", StringComparison.Ordinal);
        if (password is { Length: > 0 } && IsPlaceholder(password))
            problems.Add($"{key} has a placeholder password (\"{password}\"): set the database's own password in {variable}.");
        if (password is { Length: > 0 } && FileThatSets(configuration, key) is { } file)
            problems.Add($"{key} carries a password and is read from {file}: secrets come only from the environment ({variable}).");
    }

    static bool SameDatabase(NpgsqlConnectionStringBuilder a, NpgsqlConnectionStringBuilder b) =>
        IsLoopback(a.Host) && IsLoopback(b.Host) && a.Port == b.Port
        && string.Equals(a.Database, b.Database, StringComparison.Ordinal)
        && string.Equals(a.Username, b.Username, StringComparison.Ordinal);

    static bool IsLoopback(string? host) => host is "127.0.0.1" or "localhost" or "::1";

    static bool IsPlaceholder(string secret) => Placeholders.Contains(secret.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The settings file the effective value of <paramref name="key"/> comes from; null when it comes from elsewhere (environment, command line).</summary>
    static string? FileThatSets(IConfiguration configuration, string key) =>
        configuration is IConfigurationRoot root
            ? root.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out _)) is FileConfigurationProvider file ? file.Source.Path : null
            : null;
}

/// <summary>
/// Outside Development, refuses to start (before Marten, Wolverine or Kestrel do anything) while
/// <see cref="ProductionSettings.Problems"/> finds any, or while the database schema differs from
/// this version's: the exception names each setting, and the host exits.
/// </summary>
public sealed class ProductionGuard(IHostEnvironment environment, IConfiguration configuration, IDocumentStore store,
    WolverineOptions wolverine, ILogger<ProductionGuard> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
            return;
        var problems = ProductionSettings.Problems(configuration, ((StoreOptions)store.Options).AutoCreateSchemaObjects, wolverine.AutoBuildMessageStorageOnStartup).ToList();
        if (problems.Count == 0)
        {
            try
            {
                await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(cancellationToken);
            }
            catch (DatabaseValidationException e)
            {
                logger.LogError(e, "The database schema does not match this version");
                problems.Add($"The database schema does not match this version of the app ({e.GetType().Name}): run `db-apply` against {ProductionSettings.ConnectionStringKey} first (a deploy step).");
            }
        }
        if (problems.Count > 0)
            throw new InvalidOperationException(
                $"ActivityTracker refuses to start in {environment.EnvironmentName} with these settings:{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
