using ActivityTracker.Activities;
using ActivityTracker.Decisions;
using ActivityTracker.Exchange;
using ActivityTracker.Hosting;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Decisions;

// Issue 15, item 3: one rule for the text every way in accepts and every export can carry. Pure: no host, no database.
[Trait("Category", "Security")]
public class PlainTextTests
{
    // As UTF-16 code units in hex: xunit would write a lone surrogate in a test case's name as U+FFFD.
    public static TheoryData<string> Breaking => new()
    {
        "FFFF", "FFFE", "FDD0", "FDEF", // noncharacters of the basic plane
        "D83F DFFF", "DBFF DFFE", // U+1FFFF and U+10FFFE: the last two of every plane are noncharacters too
        "0085", "0080", "009F", // C1 controls
        "0000", "001B", "007F", // C0 controls and DEL, refused before too
        "D800", "DC00", "DC00 D800", // lone or reversed surrogates: not characters at all
    };

    static string Units(string hex) => new([.. hex.Split(' ').Select(u => (char)Convert.ToInt32(u, 16))]);

    [Theory]
    [MemberData(nameof(Breaking))]
    public void a_noncharacter_a_control_or_a_lone_surrogate_breaks_the_rule_wherever_it_sits(string units)
    {
        var character = Units(units);
        Assert.False(PlainText.IsPlain(character));
        Assert.False(PlainText.IsPlain($"Feria{character} de empleo"));
        var mended = PlainText.Mend($"Feria{character} de empleo")!;
        Assert.True(PlainText.IsPlain(mended));
        Assert.Matches("^Feria\uFFFD+ de empleo$", mended);
    }

    [Theory]
    [InlineData("México, Bogotá; «ñandú» ¿sí? €")]
    [InlineData("tab\tline\nbreak\r\n")]
    [InlineData("emoji \U0001F600 and CJK 中文 and \uFDCF \uFDF0 \uFFFD \uFFFC")] // neighbours of the noncharacter ranges
    [InlineData("\u00A0 \u00A1 \u007E")] // just after the C1 range, just before DEL
    public void what_people_type_keeps_it_and_is_not_mended(string text)
    {
        Assert.True(PlainText.IsPlain(text));
        Assert.Same(text, PlainText.Mend(text));
    }

    [Fact]
    public void a_surrogate_pair_that_breaks_the_rule_is_mended_to_one_replacement()
    {
        Assert.Equal("a\uFFFDb", PlainText.Mend("a\uD83F\uDFFFb"));
        Assert.Equal("\uFFFD\uFFFD", PlainText.Mend("\uFFFF\uD800"));
        Assert.Null(PlainText.Mend(null));
    }

    [Theory]
    [InlineData("\uFFFF")]
    [InlineData("\u0085")]
    public void the_json_screen_names_every_field_holding_such_text_however_it_is_written(string character)
    {
        var escaped = $"\\u{(int)character[0]:X4}";
        var body = $$"""{"title":"a{{escaped}}","location":{"place":"{{character}}"},"sources":[{"url":"https://x.org","title":"b{{escaped}}"}]}""";

        var errors = JsonScreening.Screen(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal(["location.place", "sources[0].title", "title"], errors.ByField.Keys.Order());
    }

    [Fact]
    public void the_rules_the_forms_call_refuse_it_by_field()
    {
        var command = TijuanaJobFair() with
        {
            Title = "Feria\uFFFE",
            Description = "\u0085",
            Location = new LocationInput("MX", "Baja\uFDD0", "Tijuana", null, null),
            Sources = [new SourceInput("https://example.org/a", "t\uFFFF")],
        };

        Assert.Equal(["description", "location.admin1", "sources[0].title", "title"], InvalidFields(command.Decide(Guid.CreateVersion7(), TestCatalog, Today)));
    }

    [Fact]
    public void an_import_cell_holding_it_is_a_problem_of_that_cell_and_is_not_read()
    {
        string? Cell(string column) => column switch
        {
            C.Kind => "job-fair",
            C.Language => "es",
            C.Title => "Feria\uFFFF",
            C.Programme => "MESO-CARIB",
            C.Sector => "16020",
            C.Partners => "iom\u0085=implementing",
            _ => null,
        };

        var reading = ActivityRow.Read(Cell, "officer@test.local");

        Assert.Null(reading.Command);
        Assert.Equal([C.Partners, C.Title], reading.Errors.ByField.Keys.Order());
        // Read as empty, so no other message (here "not a valid item") repeats the text.
        Assert.Single(reading.Errors.ByField[C.Partners]);
    }
}
