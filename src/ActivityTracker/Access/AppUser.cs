using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ActivityTracker.Access;

/// <summary>A local account. Roles and scope (programme and country claims) live in Identity's own tables.</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>Set by an administrator: the account cannot sign in and its sessions end, until re-enabled (unlike a lock-out, which also comes from wrong passwords).</summary>
    public bool Disabled { get; set; }
}

/// <summary>
/// A refresh token already exchanged, by its SHA-256 hash, kept until the token would have expired:
/// a refresh token is good once, on any node.
/// </summary>
public sealed class SpentRefreshToken
{
    public required string Hash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// ASP.NET Core Identity's store and the Data Protection key ring, in schema <c>identity</c>
/// of the app's one database. The shared key ring lets a bearer token issued by one node be
/// read by every other node.
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public const string Schema = "identity";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SpentRefreshToken> SpentRefreshTokens => Set<SpentRefreshToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.Entity<SpentRefreshToken>(t =>
        {
            t.ToTable("spent_refresh_tokens");
            t.HasKey(x => x.Hash);
            t.Property(x => x.Hash).HasColumnName("hash");
            t.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            t.HasIndex(x => x.ExpiresAt);
        });
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
