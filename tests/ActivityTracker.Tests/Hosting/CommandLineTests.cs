using System.Reflection;
using ActivityTracker.Cluster;
using JasperFx.CommandLine;
using JasperFx.CommandLine.Parsing;

namespace ActivityTracker.Tests.Hosting;

/// <summary>
/// The app's own commands as <c>docs/operations.md</c> documents them: each option has one spelling of its own, so
/// <c>-c</c> or <c>-v</c> never means two things, and none offers the host overrides that cannot reach the built app.
/// </summary>
public class CommandLineTests
{
    static IEnumerable<Type> Inputs() => typeof(Program).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(JasperFxAsyncCommand<>))
        .Select(t => t.BaseType!.GetGenericArguments()[0]);

    static IEnumerable<MemberInfo> Flags(Type input) => input.GetMembers(BindingFlags.Public | BindingFlags.Instance)
        .Where(m => m is PropertyInfo or FieldInfo && m.Name.EndsWith("Flag", StringComparison.Ordinal)
                    && m.GetCustomAttribute<IgnoreOnCommandLineAttribute>() is null);

    [Fact]
    public void every_command_runs_on_the_apps_host_with_its_own_options_only()
    {
        var inputs = Inputs().ToList();
        Assert.True(inputs.Count >= 5, $"only {inputs.Count} commands found");
        Assert.All(inputs, input => Assert.True(typeof(CommandInput).IsAssignableFrom(input), $"{input.Name} is not a {nameof(CommandInput)}"));
    }

    [Fact]
    public void no_two_options_of_a_command_share_a_spelling()
    {
        var clashes = new List<string>();
        foreach (var input in Inputs())
        {
            var spellings = Flags(input).Select(InputParser.ToFlagAliases)
                .SelectMany(a => a.LongFormOnly ? [a.LongForm] : new[] { a.ShortForm, a.LongForm });
            clashes.AddRange(spellings.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => $"{input.Name}: {g.Key}"));
        }
        Assert.True(clashes.Count == 0, $"Options sharing a spelling: {string.Join(", ", clashes)}");
    }
}
