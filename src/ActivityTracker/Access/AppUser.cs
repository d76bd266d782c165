using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ActivityTracker.Access;

/// <summary>A local account. Roles and scope (programme and country claims) live in Identity's own tables.</summary>
public sealed class AppUser : IdentityUser;

/// <summary>
/// ASP.NET Core Identity's store and the Data Protection key ring, in schema <c>identity</c>
/// of the app's one database. The shared key ring lets a bearer token issued by one node be
/// read by every other node.
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public const string Schema = "identity";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", Schema));
}

/// <summary>Lets <c>dotnet ef</c> build the context without running the app (Program ends in the JasperFx command line).</summary>
public sealed class IdentityDbDesignTimeFactory : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IdentityDb>();
        IdentityDb.Configure(options, "Host=127.0.0.1;Database=activitytracker;Username=postgres");
        return new IdentityDb(options.Options);
    }
}
