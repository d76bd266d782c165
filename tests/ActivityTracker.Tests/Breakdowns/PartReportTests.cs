using System.Globalization;
using System.Xml.Linq;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Breakdowns;
using ActivityTracker.Exchange.Imports;
using ActivityTracker.Tests.Dashboards;
using ActivityTracker.Tests.Exchange;
using Alba;
using CsvHelper;
using Marten;
using static ActivityTracker.Tests.Exchange.ImportScenarios;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Breakdowns;

// "45 of the 80 participants came from the migration institute": the seeded institution dimension (organisations; participants
// and people-trained) from the report to the case file, the dashboard, the exports, the import and IATI; dimensions defined
// and revised by an administrator only.
public class PartReportTests(AppFixture app) : DashboardTest(app)
{
    static RecordActivity Training(string title = "Capacitación a personal consular") => TijuanaJobFair() with
    {
        Kind = "training",
        Title = title,
        Location = new LocationInput("MX", "Chiapas", "Tapachula", null, null),
        Participants = new ParticipantsInput(80, Parts: [new PartInput("institution", "INM-MX", 45)]),
        Outcomes = [new OutcomeInput("people-trained", 80, Parts: [new PartInput("institution", "inm-mx", 45)])],
        Partners = [],
    };

    [Fact]
    public async Task a_partial_breakdown_by_institution_reaches_the_case_file_dashboard_exports_import_and_iati()
    {
        var (id, _) = await Host.RecordAsync(Training());
        await Host.RecordAsync(Training("Otra capacitación, sin decir de dónde") with
        {
            Participants = new ParticipantsInput(20),
            Outcomes = [new OutcomeInput("people-trained", 20)],
        });
        await App.WaitForProjectionsAsync();

        var file = (await Host.GetAsJson<ActivityDetails>(ActivitySteps.Url(id)))!;
        Assert.Equal([new Part("institution", "inm-mx", 45)], file.Participants!.Parts);
        Assert.Equal([new Part("institution", "inm-mx", 45)], file.Outcomes.Single().Parts);

        // 45 of 100 from the institute; 55 not stated.
        var mexico = (await Dashboard("countries/MX")).AllReported;
        Assert.Equal([new Part("institution", "inm-mx", 45)], mexico.ParticipantParts);
        var trained = mexico.Outcomes.Single(o => o.IndicatorCode == "people-trained");
        Assert.Equal([new Part("institution", "inm-mx", 45)], trained.Parts);
        Assert.Equal(55m, Part.ByDimension(trained.Parts, trained.Value!.Value).Single().NotStated);
        var sheet = (await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/dashboards/countries.csv"))).Split('\n').Select(l => l.Trim().Split(',')).ToList();
        Assert.Contains(sheet, r => r is [_, "MX", .., "all_reported", "participants", "institution/inm-mx", "45", _, _, _, _]);
        Assert.Contains(sheet, r => r is [_, "MX", .., "all_reported", "outcome:people-trained", "institution/not_stated", "55", _, _, _, _]);

        var csv = await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/activities.csv"));
        Assert.Contains("people-trained/institution/inm-mx=45", csv);
        using (var parser = new CsvParser(new StringReader(csv.TrimStart('\uFEFF')), CultureInfo.InvariantCulture))
        {
            parser.Read();
            var at = Array.IndexOf(parser.Record!, C.ParticipantParts);
            Assert.Equal(Array.IndexOf(parser.Record!, C.Nationalities) + 1, at);
            var cells = new List<string>();
            while (parser.Read())
                cells.Add(parser.Record![at]);
            Assert.Contains("institution/inm-mx=45", cells);
        }

        // The export imported again as it is: nothing to correct, so the parts read back as they were written.
        var same = await Host.ImportAsync("export.csv", csv);
        Assert.Equal((ImportState.Completed, 0, 0, 2, 0), (same.State, same.BadRows, same.Recorded, same.AlreadyThere, same.Corrected));
        // And as a new report of another office: recorded with its parts.
        var job = await Host.ImportAsync("informe.csv", CsvOf([C.Kind, C.Language, C.Title, C.Programme, C.Sector, C.Country, C.ActualStart, C.ParticipantsTotal,
                C.ParticipantParts, C.Outcomes, C.OutcomeBreakdowns],
            ["training", "es", "Capacitación importada", "MESO-CARIB", "15190", "MX", "2019-05-22", "80", "institution/inm-mx=45", "people-trained=80",
                "people-trained/institution/inm-mx=45"]));
        Assert.Equal((0, 1), (job.BadRows, job.Recorded));
        await using (var session = App.Store.QuerySession())
        {
            var imported = Assert.Single(await session.Query<ActivityDetails>().Where(a => a.Title == "Capacitación importada").ToListAsync());
            Assert.Equal([new Part("institution", "inm-mx", 45)], imported.Participants!.Parts);
            Assert.Equal([new Part("institution", "inm-mx", 45)], imported.Outcomes.Single().Parts);
        }
        var broken = await Host.ImportAsync("roto.csv", CsvOf([C.Kind, C.Language, C.Title, C.Programme, C.Sector, C.Country, C.ActualStart, C.ParticipantsTotal, C.ParticipantParts],
            ["training", "es", "Capacitación rota", "MESO-CARIB", "15190", "MX", "2019-05-22", "80", "institution/nadie=45"]));
        Assert.Equal([(2, C.ParticipantParts)], await Host.ProblemsAsync(broken));

        var iati = await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/iati.xml"));
        Assert.Empty(IatiSchema.Problems(iati));
        var period = XDocument.Parse(iati).Root!.Elements("iati-activity").Single(a => a.Element("iati-identifier")!.Value.EndsWith(id.ToString()))
            .Element("result")!.Element("indicator")!.Element("period")!;
        var part = period.Elements("actual").Single(a => a.Element("dimension") is not null);
        Assert.Equal(("45", "institution", "inm-mx"), ((string?)part.Attribute("value"), (string?)part.Element("dimension")!.Attribute("name"),
            (string?)part.Element("dimension")!.Attribute("value")));
    }

    [Fact]
    public async Task a_bad_part_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var before = await App.CountEventsAsync();

        var result = await Host.PostJsonAsync("/api/activities", Training() with
        {
            Participants = new ParticipantsInput(80, Parts: [new PartInput("institution", "inm-mx", 81)]),
            Outcomes = [new OutcomeInput("people-trained", 80, Parts: [new PartInput("ministry", "inm-mx", 1), new PartInput("institution", "nobody", 1)])],
        }, 400);

        Assert.Equal(["outcomes[0].parts[0].dimension", "outcomes[0].parts[1].category", "participants.parts"], await result.ErrorFieldsAsync());
        Assert.Equal(before, await App.CountEventsAsync());
    }

    [Fact]
    public async Task an_administrator_defines_and_revises_a_dimension_and_an_officer_may_not()
    {
        var size = new
        {
            code = "employer-size", nameEn = "Employer size", nameEs = "Tamaño del empleador", values = "List",
            categories = new[] { new { code = "small", nameEn = "Small", nameEs = "Pequeño" } }, indicators = new[] { "jobfair-hired" },
        };
        var refused = await Host.PostJsonAsync("/api/breakdowns", size, 403);
        Assert.Contains("Admin", (await refused.ReadAsJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Detail);

        var (created, listed) = await As(TestUsers.Admin, async () =>
        {
            var id = await Host.CreateAsync("/api/breakdowns", size);
            var bad = await Host.PostJsonAsync("/api/breakdowns", size with { code = "age" }, 400);
            Assert.Equal(["code"], await bad.ErrorFieldsAsync());
            await Host.PostJsonAsync("/api/breakdowns", size, 409);
            await Host.PostJsonAsync("/api/breakdowns/employer-size/revise", new { version = 1, categories = Array.Empty<object>() }, 400);
            await Host.PostJsonAsync("/api/breakdowns/employer-size/revise",
                new { version = 1, categories = new[] { new { code = "small", nameEn = "Small", nameEs = "Pequeño" }, new { code = "large", nameEn = "Large", nameEs = "Grande" } } }, 200);
            await Host.PostJsonAsync("/api/breakdowns/employer-size/revise", new { version = 1, nameEn = "Size" }, 409);
            return (id, (await Host.GetAsJson<BreakdownDimension[]>("/api/breakdowns"))!);
        });

        Assert.Equal(BreakdownDimension.IdFor("employer-size"), created);
        Assert.Equal(["employer-size", "institution"], listed.Select(d => d.Code));
        // Any signed-in user reads them: the officer's form offers them.
        var read = (await Host.GetAsJson<BreakdownDimension>("/api/breakdowns/EMPLOYER-SIZE"))!;
        Assert.Equal((2L, 2), (read.Version, read.Categories.Count));
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/breakdowns/nothing-here");
            s.StatusCodeShouldBe(404);
        });
    }
}
