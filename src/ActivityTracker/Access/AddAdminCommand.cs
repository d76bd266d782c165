using ActivityTracker.Cluster;
using JasperFx.CommandLine;

namespace ActivityTracker.Access;

public sealed class AddAdminInput : CommandInput
{
    [Description("Email address of the new administrator")]
    public string Email { get; set; } = "";
}

/// <summary>The first administrator of a new deployment; the rest are created over HTTP.</summary>
[Description("Creates an administrator account; the password is read from ACTIVITYTRACKER_ADMIN_PASSWORD, never from the command line", Name = "add-admin")]
public sealed class AddAdminCommand : JasperFxAsyncCommand<AddAdminInput>
{
    public const string PasswordVariable = "ACTIVITYTRACKER_ADMIN_PASSWORD";

    public override async Task<bool> Execute(AddAdminInput input)
    {
        if (Environment.GetEnvironmentVariable(PasswordVariable) is not { Length: > 0 } password)
        {
            Console.Error.WriteLine($"add-admin: set {PasswordVariable} to the new administrator's password.");
            return false;
        }
        using var host = input.BuildHost();
        await host.Services.MigrateIdentityAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var result = await UserAccounts.CreateAsync(scope.ServiceProvider, input.Email.Trim(), password, [Roles.Admin], [], []);
        Console.WriteLine(result.Succeeded
            ? $"add-admin: created {input.Email}."
            : $"add-admin: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        return result.Succeeded;
    }
}
