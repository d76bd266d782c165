using ActivityTracker.Cluster;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ActivityTracker.Tests.Hosting;

public class ConnectionPoolTests
{
    [Fact]
    public void a_connection_string_without_a_pool_size_gets_the_apps_default()
    {
        var pooled = new NpgsqlConnectionStringBuilder(Database.WithPoolSize("Host=db;Database=activitytracker;Username=app"));

        Assert.Equal(Database.DefaultMaxPoolSize, pooled.MaxPoolSize);
        Assert.Equal("db", pooled.Host);
        Assert.Equal("activitytracker", pooled.Database);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=40")]
    [InlineData("Host=db;maxpoolsize=40")]
    public void a_pool_size_the_deployment_sets_is_kept(string connectionString) =>
        Assert.Equal(40, new NpgsqlConnectionStringBuilder(Database.WithPoolSize(connectionString)).MaxPoolSize);

    [Fact]
    public void the_dashboard_replica_gets_the_same_pool_and_session_settings_as_the_primary_and_is_optional()
    {
        static IConfiguration With(string? replica) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=primary;Database=activitytracker", ["ConnectionStrings:DashboardReads"] = replica,
        }).Build();

        var replica = new NpgsqlConnectionStringBuilder(With("Host=replica;Database=activitytracker").DashboardReadsConnectionString());
        var primary = new NpgsqlConnectionStringBuilder(With(null).PostgresConnectionString());

        Assert.Equal("replica", replica.Host);
        Assert.Equal((primary.MaxPoolSize, primary.Options), (replica.MaxPoolSize, replica.Options));
        Assert.Null(With(null).DashboardReadsConnectionString());
        Assert.Null(With("").DashboardReadsConnectionString());
    }
}
