using System.Xml.Linq;
using ActivityTracker.Exchange;
using ActivityTracker.Exchange.Exports;
using Spectre.Console;

namespace ActivityTracker.Tests.Exchange;

// `export FORMAT [--out FILE] [filters]`: the command's work, run in the test's app (the command builds its own host around it).
public class ExportCommandTests(AppFixture app) : ExportTest(app)
{
    static (IAnsiConsole Console, StringWriter Output) Console()
    {
        var output = new StringWriter();
        return (AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No }), output);
    }

    [Theory]
    [InlineData("iati", ExportFormat.Iati)]
    [InlineData("IATI", ExportFormat.Iati)]
    [InlineData("csv", ExportFormat.Csv)]
    [InlineData("Xlsx", ExportFormat.Xlsx)]
    [InlineData("hxl", ExportFormat.Hxl)]
    [InlineData("pdf", null)]
    [InlineData("1", null)]
    [InlineData("", null)]
    public void the_format_is_named_in_any_case_and_nothing_else_is_one(string name, ExportFormat? expected) =>
        Assert.Equal(expected, ExportCommand.FormatOf(name));

    [Fact]
    public async Task it_writes_every_activity_to_the_file_in_the_format_asked()
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid()}.csv");
        var (console, output) = Console();
        try
        {
            Assert.True(await ExportCommand.RunAsync(Host.Services, ExportFormat.Csv, path, ExportFilter.None, console, CancellationToken.None));

            var records = Records(await File.ReadAllTextAsync(path));
            Assert.Equal(ActivityColumns.Exported, records[0]);
            Assert.Equal(10, records.Count - 1);
            Assert.Contains("10 activities written", output.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task filters_apply_and_the_iati_file_is_the_apis()
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid()}.xml");
        try
        {
            Assert.True(await ExportCommand.RunAsync(Host.Services, ExportFormat.Iati, path, ExportFilter.None with { Country = "MX" }, Console().Console, CancellationToken.None));

            Assert.Equal(3, XDocument.Load(path).Root!.Elements("iati-activity").Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task bad_filters_are_printed_by_name_and_nothing_is_written()
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid()}.csv");
        var (console, output) = Console();

        Assert.False(await ExportCommand.RunAsync(Host.Services, ExportFormat.Hxl, path, ExportFilter.None with { Country = "XX", Status = "paused" }, console, CancellationToken.None));

        Assert.Contains("--country", output.ToString());
        Assert.Contains("--status", output.ToString());
        Assert.False(File.Exists(path));
    }
}
