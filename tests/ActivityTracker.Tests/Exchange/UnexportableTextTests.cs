using System.Xml;
using System.Xml.Linq;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Exchange.Imports;
using Alba;
using JasperFx.Events;
using Marten;
using MiniExcelLibs;
using static ActivityTracker.Tests.Exchange.ImportScenarios;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Exchange;

// Issue 15, item 3: a title holding U+FFFF was accepted, and from then on iati.xml answered 200 with a cut-off,
// malformed body for everyone whose scope included it. Such text is now refused on every way in, and an export
// of text stored before (mended to U+FFFD) is whole and well-formed.
[Trait("Category", "Security")]
public class UnexportableTextTests(AppFixture app) : ExportTest(app)
{
    public static TheoryData<string> Characters => new() { "\uFFFF", "\uFFFE", "\u0085", "\uFDD0" };

    async Task<int> ActivitiesAsync()
    {
        await using var session = App.Store.QuerySession();
        return await session.Query<ActivityDetails>().CountAsync();
    }

    [Theory]
    [MemberData(nameof(Characters))]
    public async Task an_activity_holding_it_in_its_title_description_or_a_nested_field_is_400_naming_each_and_stores_nothing(string character)
    {
        var before = await App.CountEventsAsync();
        await App.ActAsAsync(TestUsers.Officer);
        var command = TijuanaJobFair() with
        {
            Title = $"Feria{character}",
            Description = $"{character} en el patio",
            Location = new LocationInput("MX", "Baja California", $"Tij{character}uana", null, null),
        };

        var result = await Host.Scenario(s =>
        {
            s.Post.Json(command).ToUrl("/api/activities");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal(["description", "location.place", "title"], await result.ErrorFieldsAsync());
        Assert.Equal(before, await App.CountEventsAsync());
    }

    [Theory]
    [MemberData(nameof(Characters))]
    public async Task an_import_cell_holding_it_is_a_problem_of_that_cell_and_the_file_records_nothing(string character)
    {
        await App.ActAsAsync(TestUsers.Officer);
        var before = await ActivitiesAsync();
        var csv = CsvOf([C.Kind, C.Language, C.Title, C.Programme, C.Sector, C.Country],
            ["job-fair", "es", "Feria de empleo", "MESO-CARIB", "16020", "MX"],
            ["job-fair", "es", $"Fer{character}ia", "MESO-CARIB", "16020", "MX"]);

        var job = await Host.ImportAsync("fairs.csv", csv);

        Assert.Equal((ImportState.Rejected, 0), (job.State, job.Recorded));
        Assert.Equal([(3, C.Title)], await Host.ProblemsAsync(job));
        Assert.Equal(before, await ActivitiesAsync());
    }

    [Theory]
    [MemberData(nameof(Characters))]
    public async Task an_upload_whose_file_name_holds_it_is_400_naming_the_file_and_queues_nothing(string character)
    {
        await App.ActAsAsync(TestUsers.Officer);
        var csv = CsvOf([C.Kind, C.Language, C.Title, C.Programme, C.Sector, C.Country], ["job-fair", "es", "Feria", "MESO-CARIB", "16020", "MX"]);

        var result = await Host.UploadAsync($"fer{character}ias.csv", csv, status: 400);

        Assert.Equal(["file"], await result.ErrorFieldsAsync());
        await using var session = App.Store.QuerySession();
        Assert.Equal(0, await session.Query<ImportJob>().CountAsync());
    }

    /// <summary>An activity whose title holds U+FFFF, stored as the API stored it before the rule: events appended directly.</summary>
    async Task StoreOldActivityAsync()
    {
        var id = Guid.CreateVersion7();
        var events = Accepted(TijuanaJobFair().Decide(id, TestCatalog, Today)).ToArray();
        events[0] = (ActivityRecorded)events[0] with { Title = "Feria\uFFFF de empleo", Description = "Patio\uFFFE central" };
        await using var session = App.Store.LightweightSession();
        session.Events.StartStream<ActivityDetails>(id, events);
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task text_stored_before_the_rule_is_exported_mended_in_a_whole_well_formed_iati_document()
    {
        await StoreOldActivityAsync();

        var document = await (await Download("/api/exports/iati.xml")).ReadAsTextAsync();

        using (var reader = XmlReader.Create(new StringReader(document)))
            while (reader.Read())
            {
            }
        var titles = XDocument.Parse(document).Root!.Elements("iati-activity").Select(a => a.Element("title")!.Element("narrative")!.Value).ToList();
        Assert.Equal(11, titles.Count);
        Assert.Contains("Feria\uFFFD de empleo", titles);
    }

    [Fact]
    public async Task text_stored_before_the_rule_is_exported_mended_in_whole_spreadsheets()
    {
        await StoreOldActivityAsync();

        var csv = await CsvAsync("/api/exports/activities.csv");
        using var workbook = new MemoryStream();
        await (await Download("/api/exports/activities.xlsx")).Context.Response.Body.CopyToAsync(workbook);
        workbook.Position = 0;
        var rows = workbook.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var hxl = await CsvAsync("/api/exports/3w-hxl.csv");

        Assert.Equal(12, csv.Count);
        Assert.Contains(csv, r => r.Contains("Feria\uFFFD de empleo") && r.Contains("Patio\uFFFD central"));
        Assert.Equal(11, rows.Count);
        Assert.Contains(rows, r => (string?)r[C.Title] == "Feria\uFFFD de empleo");
        Assert.Contains(hxl, r => r.Contains("Feria\uFFFD de empleo"));
    }
}
