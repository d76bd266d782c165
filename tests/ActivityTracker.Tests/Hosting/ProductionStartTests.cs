using ActivityTracker.Hosting;
using Alba;
using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Wolverine;

namespace ActivityTracker.Tests.Hosting;

/// <summary>
/// The app started in Production, each on a database of its own: refused with development
/// defaults or an unapplied schema, served after <c>db-apply</c>, without creating schema itself.
/// </summary>
public class ProductionStartTests
{
    static Task<IAlbaHost> StartProductionAsync(string connectionString) => AlbaHost.For<Program>(b =>
    {
        b.UseEnvironment("Production");
        b.UseSetting(ProductionSettings.ConnectionStringKey, connectionString);
        // The image loads code generated at build time; the test build has none, so it compiles it as Development does.
        b.ConfigureServices(s => s.CritterStackDefaults(x =>
        {
            x.Production.GeneratedCodeMode = TypeLoadMode.Dynamic;
            x.Production.AssertAllPreGeneratedTypesExist = false;
        }));
    });

    static async Task<string> RefusalAsync(string connectionString)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => StartProductionAsync(connectionString));
        var messages = new List<string>();
        for (Exception? e = refused; e is not null; e = e.InnerException)
            messages.Add(e.Message);
        return string.Join(Environment.NewLine, messages);
    }

    [Fact]
    public async Task production_refuses_to_start_with_the_development_database()
    {
        var message = await RefusalAsync(ProductionSettings.DevelopmentConnectionString);

        Assert.Contains("ActivityTracker refuses to start in Production", message);
        Assert.Contains("ConnectionStrings:Postgres is the development default", message);
    }

    [Fact]
    public async Task production_refuses_a_database_without_the_schema_then_starts_after_db_apply_without_creating_any()
    {
        await using var database = await ScratchDatabase.CreateAsync("production_start");

        var message = await RefusalAsync(database.ConnectionString);
        Assert.True(message.Contains("The database schema does not match this version of the app"), message);
        Assert.Contains("run `db-apply`", message);

        // The deploy step: the command line, as compose and the benchmark harness run it (they run it in
        // Production from an image with pre-generated code; this build has none, so Development here).
        var (exitCode, output) = await AppCommand.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
        }, "db-apply");
        Assert.True(exitCode == 0, output);

        await using var host = await StartProductionAsync(database.ConnectionString);
        Assert.Equal(AutoCreate.None, ((StoreOptions)host.Services.GetRequiredService<IDocumentStore>().Options).AutoCreateSchemaObjects);
        Assert.Equal(AutoCreate.None, host.Services.GetRequiredService<WolverineOptions>().AutoBuildMessageStorageOnStartup);
        await host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.StatusCodeShouldBe(200);
        });
    }

    [Fact]
    public async Task development_and_the_tests_create_the_schema_as_they_go()
    {
        await using var database = await ScratchDatabase.CreateAsync("development_start");
        await using var host = await AlbaHost.For<Program>(b => b.UseSetting(ProductionSettings.ConnectionStringKey, database.ConnectionString));

        Assert.Equal(AutoCreate.CreateOrUpdate, ((StoreOptions)host.Services.GetRequiredService<IDocumentStore>().Options).AutoCreateSchemaObjects);
        await host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.StatusCodeShouldBe(200);
        });
    }
}
