using System.Text.Json;
using ActivityTracker.Hosting;
using JasperFx;
using Microsoft.Extensions.Configuration;

namespace ActivityTracker.Tests.Hosting;

/// <summary>The settings a deployment outside Development is refused with (no database needed).</summary>
public class ProductionSettingsTests
{
    const string Production = "Host=db.internal;Port=5432;Database=activitytracker;Username=app;Password=Xq7-long-and-random";

    static IConfiguration Settings(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    static IReadOnlyList<string> Problems(IConfiguration configuration) => ProductionSettings.Problems(configuration, AutoCreate.None, AutoCreate.None);

    [Fact]
    public void a_production_database_password_from_the_environment_and_no_auto_create_pass()
    {
        Assert.Empty(Problems(Settings((ProductionSettings.ConnectionStringKey, Production))));
    }

    [Fact]
    public void a_connection_string_without_password_on_another_server_passes()
    {
        // trust, a password file or PGPASSWORD: the benchmark harness runs the app so.
        Assert.Empty(Problems(Settings((ProductionSettings.ConnectionStringKey, "Host=127.0.0.1;Port=40001;Database=bench;Username=postgres"))));
    }

    [Theory]
    [InlineData(ProductionSettings.DevelopmentConnectionString)]
    [InlineData("host=localhost;port=55432;database=activitytracker;username=postgres")]
    public void the_development_database_is_refused(string connectionString)
    {
        var problem = Assert.Single(Problems(Settings((ProductionSettings.ConnectionStringKey, connectionString))));

        Assert.StartsWith("ConnectionStrings:Postgres is the development default", problem);
        Assert.Contains("ConnectionStrings__Postgres", problem);
    }

    [Fact]
    public void the_development_constant_is_the_one_in_appsettings_development()
    {
        var file = Path.Combine(SourceDirectory(), "src", "ActivityTracker", "appsettings.Development.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));

        Assert.Equal(ProductionSettings.DevelopmentConnectionString, json.RootElement.GetProperty("ConnectionStrings").GetProperty("Postgres").GetString());
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("changeme")]
    [InlineData("Password")]
    public void a_placeholder_database_password_is_refused(string password)
    {
        var problem = Assert.Single(Problems(Settings((ProductionSettings.ConnectionStringKey, $"Host=db;Database=at;Username=app;Password={password}"))));

        Assert.Contains("ConnectionStrings:Postgres has a placeholder password", problem);
    }

    [Fact]
    public void the_dashboard_replica_s_placeholder_password_is_refused_too()
    {
        var problem = Assert.Single(Problems(Settings((ProductionSettings.ConnectionStringKey, Production),
            (ProductionSettings.DashboardReadsKey, "Host=replica;Database=at;Username=app;Password=changeme"))));

        Assert.Contains("ConnectionStrings:DashboardReads has a placeholder password", problem);
        Assert.Contains("ConnectionStrings__DashboardReads", problem);
    }

    [Fact]
    public void a_password_read_from_a_settings_file_is_refused_and_the_same_from_the_environment_is_not()
    {
        var directory = Directory.CreateTempSubdirectory("settings");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "appsettings.Production.json"),
                JsonSerializer.Serialize(new { ConnectionStrings = new { Postgres = Production } }));
            var fromFile = new ConfigurationBuilder().SetBasePath(directory.FullName).AddJsonFile("appsettings.Production.json").Build();
            // The environment comes after the files, as in the host: its value wins.
            var overridden = new ConfigurationBuilder().SetBasePath(directory.FullName).AddJsonFile("appsettings.Production.json")
                .AddInMemoryCollection([KeyValuePair.Create<string, string?>(ProductionSettings.ConnectionStringKey, Production)]).Build();

            var problem = Assert.Single(Problems(fromFile));
            Assert.Contains("is read from appsettings.Production.json: secrets come only from the environment", problem);
            Assert.Empty(Problems(overridden));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void openid_connect_without_a_real_client_secret_is_refused()
    {
        var missing = Problems(Settings((ProductionSettings.ConnectionStringKey, Production), ("Authentication:Oidc:Authority", "https://login.example.org")));
        var placeholder = Problems(Settings((ProductionSettings.ConnectionStringKey, Production), ("Authentication:Oidc:Authority", "https://login.example.org"),
            (ProductionSettings.OidcSecretKey, "secret")));
        var given = Problems(Settings((ProductionSettings.ConnectionStringKey, Production), ("Authentication:Oidc:Authority", "https://login.example.org"),
            (ProductionSettings.OidcSecretKey, "b5f0c1d7e9a34d2c")));

        Assert.Contains("Authentication:Oidc:ClientSecret is missing or a placeholder", Assert.Single(missing));
        Assert.Contains("Authentication:Oidc:ClientSecret is missing or a placeholder", Assert.Single(placeholder));
        Assert.Empty(given);
    }

    [Fact]
    public void a_store_that_creates_its_own_schema_is_refused()
    {
        var problems = ProductionSettings.Problems(Settings((ProductionSettings.ConnectionStringKey, Production)), AutoCreate.CreateOrUpdate, AutoCreate.All);

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Marten's AutoCreateSchemaObjects is CreateOrUpdate", problems[0]);
        Assert.StartsWith("Wolverine's AutoBuildMessageStorageOnStartup is All", problems[1]);
        Assert.All(problems, p => Assert.Contains("db-apply", p));
    }

    static string SourceDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "ActivityTracker.sln")))
                return directory.FullName;
        throw new InvalidOperationException("ActivityTracker.sln not found above the test's directory.");
    }
}
