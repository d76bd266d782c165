using ActivityTracker.Hosting;
using Npgsql;

namespace ActivityTracker.Tests.Hosting;

public class ConnectionPoolTests
{
    [Fact]
    public void a_connection_string_without_a_pool_size_gets_the_apps_default()
    {
        var pooled = new NpgsqlConnectionStringBuilder(ServiceDefaults.WithPoolSize("Host=db;Database=activitytracker;Username=app"));

        Assert.Equal(ServiceDefaults.DefaultMaxPoolSize, pooled.MaxPoolSize);
        Assert.Equal("db", pooled.Host);
        Assert.Equal("activitytracker", pooled.Database);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=40")]
    [InlineData("Host=db;maxpoolsize=40")]
    public void a_pool_size_the_deployment_sets_is_kept(string connectionString) =>
        Assert.Equal(40, new NpgsqlConnectionStringBuilder(ServiceDefaults.WithPoolSize(connectionString)).MaxPoolSize);
}
