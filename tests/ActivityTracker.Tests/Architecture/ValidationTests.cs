using System.Reflection;
using Wolverine.Http;

namespace ActivityTracker.Tests.Architecture;

/// <summary>
/// One validation idiom: a command's rules, its field checks included, are its pure <c>Decide</c>, which returns the bad
/// fields (400), a refusal (409) or the events; endpoints and pages only carry the decision. A Wolverine <c>Validate</c>
/// hook on a command endpoint would be a second place a 400 comes from, with its own title and order.
/// </summary>
public class ValidationTests
{
    static readonly string[] Hooks = ["Validate", "ValidateAsync"];

    [Fact]
    public void no_command_endpoint_validates_before_its_handler()
    {
        var commandEndpoints = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
                .Any(m => m.GetCustomAttributes<WolverineHttpMethodAttribute>().Any(a => a.HttpMethod != "GET")))
            .ToList();

        var hooked = commandEndpoints
            .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance).Any(m => Hooks.Contains(m.Name)))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(commandEndpoints.Count > 20, $"only {commandEndpoints.Count} command endpoints found");
        Assert.True(hooked.Count == 0, $"Command endpoints with a Validate hook (decide the bad fields in Decide instead): {string.Join(", ", hooked)}");
    }
}
