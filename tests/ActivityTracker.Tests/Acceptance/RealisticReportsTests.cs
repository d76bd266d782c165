using System.Xml.Linq;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Duplicates;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Exchange.Imports;
using ActivityTracker.Indicators;
using ActivityTracker.Tests.Dashboards;
using ActivityTracker.Tests.Exchange;
using Alba;
using Marten;
using static ActivityTracker.Tests.Exchange.ImportScenarios;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Tests.Acceptance;

/// <summary>
/// Eleven field reports in the programme's style, written for this suite (not the demo's): five entered through the API, six
/// through the bulk import, as an officer would (one of a kind an administrator added: the signing of a work plan); reviewed
/// by a manager (one of them is the same training reported twice, and marked so); then every fact is looked for where users
/// read it: the case file, the dashboards, and the four activity exports (CSV, Excel, 3W in HXL, IATI 2.03, which must
/// validate), rates and percentages included.
/// </summary>
public class RealisticReportsTests(AppFixture app) : DashboardTest(app)
{
    // Through the API.
    static readonly RecordActivity RegionalMeeting = new(
        Kind: "meeting", Language: "en", Title: "Regional Conference on Migration: technical meeting on labour migration",
        Description: "More than 60 delegates from Guatemala, Honduras, El Salvador and Mexico agreed on a joint work plan.",
        ActualStart: new DateOnly(2025, 3, 12), ActualEnd: new DateOnly(2025, 3, 13),
        ParticipatingCountries: ["GT", "HN", "SV", "MX"], ProgrammeCode: "MESO-CARIB", SectorCode: "15190", Tags: ["labour-migration"],
        Participants: new ParticipantsInput(60, TotalIsMinimum: true),
        Outcomes: [new OutcomeInput("countries-represented", 4)],
        Partners: [new PartnerInput("iom", OrganisationRole.Implementing), new PartnerInput("eu", OrganisationRole.Funding)],
        Sources: [new SourceInput("https://example.org/news/rcm-technical-meeting-2025", "RCM technical meeting")]);

    static readonly RecordActivity TwoDayTraining = new(
        Kind: "training", Language: "es", Title: "Capacitación a personal consular sobre identificación de víctimas de trata",
        Location: new LocationInput("MX", "Chiapas", "Tapachula", null, null), ProgrammeCode: "MESO-CARIB", SectorCode: "15190",
        // "45 of the 80 participants came from the migration institute": a part by the seeded institution dimension, the rest not stated.
        Participants: new ParticipantsInput(80, Groups: [new ParticipantGroupInput(Sex.Female, null, 45), new ParticipantGroupInput(Sex.Male, null, 35)],
            Parts: [new PartInput("institution", "inm-mx", 45)]),
        Outcomes: [new OutcomeInput("people-trained", 80, [new OutcomeSplitInput(Breakdown.Sex, "Female", 45), new OutcomeSplitInput(Breakdown.Sex, "Male", 35)],
            Parts: [new PartInput("institution", "inm-mx", 45)])],
        Partners: [new PartnerInput("segob-mx", OrganisationRole.Implementing)],
        Sessions: [new SessionInput(new DateOnly(2025, 5, 22)), new SessionInput(new DateOnly(2025, 5, 27), "Tuxtla Gutiérrez")]);

    static readonly RecordActivity FlowMonitoring = new(
        Kind: "survey", Language: "es", Title: "Monitoreo de flujos en la frontera sur: más de 1.500 entrevistas",
        ActualStart: new DateOnly(2025, 3, 1), ActualEnd: new DateOnly(2025, 8, 31),
        Location: new LocationInput("GT", "San Marcos", "Tecún Umán", null, null), ProgrammeCode: "MESO-CARIB", SectorCode: "15190",
        // "An average of 120 arrivals a day" over the 184 days surveyed, "34 % more than in 2024" (of how many, it does not say).
        Outcomes: [new OutcomeInput("people-interviewed", 1500, ValueIsMinimum: true), new OutcomeInput("daily-arrivals", 120, Base: 184),
            new OutcomeInput("arrivals-change", 34)]);

    static readonly RecordActivity AssistedReturns = new(
        Kind: "assisted-voluntary-return", Language: "en", Title: "Assisted voluntary return of 35 migrants from Mexico",
        ActualStart: new DateOnly(2025, 6, 10), ActualEnd: new DateOnly(2025, 6, 10),
        ParticipatingCountries: ["HN", "GT"], ProgrammeCode: "MESO-CARIB", SectorCode: "15190",
        Participants: new ParticipantsInput(35, UnaccompaniedMinors: 6),
        Outcomes: [new OutcomeInput("people-returned", 35, [new OutcomeSplitInput(Breakdown.Country, "HN", 20), new OutcomeSplitInput(Breakdown.Country, "GT", 15)])]);

    static readonly RecordActivity JobFair = new(
        Kind: "job-fair", Language: "es", Title: "Tercera Feria de Empleo para personas migrantes en Tijuana",
        ActualStart: new DateOnly(2025, 7, 4), ActualEnd: new DateOnly(2025, 7, 4),
        Location: new LocationInput("MX", "Baja California", "Tijuana", null, null), ProgrammeCode: "MESO-CARIB", SectorCode: "16020",
        Participants: new ParticipantsInput(250),
        Outcomes: [new OutcomeInput("jobfair-businesses", 18), new OutcomeInput("jobfair-hired", 33,
            [new OutcomeSplitInput(Breakdown.Sex, "Female", 20), new OutcomeSplitInput(Breakdown.Sex, "Male", 13)])],
        Partners: [new PartnerInput("tijuana-mx", OrganisationRole.Implementing)]);

    // Through the import: the column layout of the template.
    static readonly string[] Header = [C.Id, C.Kind, C.Language, C.Title, C.Description, C.PlannedStart, C.ActualStart, C.ActualEnd, C.Sessions,
        C.Country, C.Place, C.ParticipatingCountries, C.Programme, C.Sector, C.ParticipantsTotal, C.ParticipantsTotalIsMinimum, C.Outcomes,
        C.Partners, C.Sources, C.Notes];

    static readonly string?[][] Imported =
    [
        ["OF-CR-2025-01", "launch", "es", "Presentación de la Guía Consular para el retorno de personas costarricenses", null, null, "2025-04-09", "2025-04-09", null,
            "CR", "San José", null, "MESO-CARIB", "15190", "40", null, "tools-launched=1", "dgme-cr=implementing",
            "https://example.org/cr/guia-consular.pdf|Guía consular", "Fuente: nota de prensa de la DGME."],
        ["OF-GT-2025-07", "congress", "es", "Congreso regional sobre migración laboral", null, null, "2025-09-17", "2025-09-18", null,
            "GT", "Ciudad de Guatemala", "HN; SV; CR", "MESO-CARIB", "15190", "120", null, "countries-represented=9", "svet-gt=implementing", null, null],
        // The training of the API, reported again by another office: the same days, the title written otherwise.
        ["OF-CH-2025-03", "training", "es", "Capacitación sobre identificación de víctimas de trata para consulados", null, null, null, null,
            "2025-05-22; 2025-05-27|Tuxtla Gutiérrez", "MX", "Tapachula", null, "MESO-CARIB", "15190", "80", null, "people-trained=80", "segob-mx=implementing", null, null],
        ["OF-HN-2025-02", "campaign", "es", "Campaña informativa sobre migración segura en Honduras", "Sigue en curso.", null, "2025-02-01", null, null,
            "HN", "Tegucigalpa", null, "MESO-CARIB", "15190", null, null, null, "iom=implementing", null, null],
        ["OF-SV-2025-04", "virtual-course", "es", "Curso virtual sobre protección de personas migrantes: más de 120 inscritas", null, null, "2025-10-01", "2025-10-31", null,
            "SV", null, null, "MESO-CARIB", "15190", "120", "true", "people-trained>=120", "iom=implementing", null, null],
        // A kind the shipped list lacks: an administrator adds it first.
        ["OF-GT-2025-08", Signing, "es", "Firma del plan de trabajo 2025-2026 con la SVET", null, null, "2025-11-20", "2025-11-20", null,
            "GT", "Ciudad de Guatemala", null, "MESO-CARIB", "15190", "12", null, null, "svet-gt=implementing", null, null],
    ];

    const string Signing = "agreement-signing";

    [Fact]
    public async Task eleven_field_reports_keep_every_fact_from_entry_to_case_file_dashboards_and_exports()
    {
        await As(TestUsers.Admin, () => Host.PostJsonAsync("/api/activity-kinds",
            new { code = Signing, nameEn = "Signing of an agreement or work plan", nameEs = "Firma de un acuerdo o plan de trabajo", indicators = Array.Empty<string>() }, 201));
        // Entered: five through the API, six through the import.
        var api = new Dictionary<string, (Guid Id, long Version)>();
        foreach (var (name, report) in new[] { ("meeting", RegionalMeeting), ("training", TwoDayTraining), ("survey", FlowMonitoring), ("returns", AssistedReturns), ("fair", JobFair) })
            api[name] = await Host.RecordAsync(report);
        var job = await Host.ImportAsync("informes.csv", CsvOf(Header, Imported));
        // The training the import reports again is recorded, with a warning naming the one recorded by the API.
        Assert.Equal((ImportState.Completed, 6, 0, 1), (job.State, job.Recorded, job.BadRows, job.LikelyDuplicates));
        var imported = await ByTitleAsync();
        Assert.Equal(11, imported.Count);

        // Reviewed: everything approved; the training reported twice is found, and the manager marks the copy.
        var copy = imported["Capacitación sobre identificación de víctimas de trata para consulados"];
        Assert.Contains(api["training"].Id, (await Host.GetAsJson<LikelyDuplicate[]>($"{ActivitySteps.Url(copy.Id)}/likely-duplicates"))!.Select(d => d.Id));
        foreach (var activity in imported.Values)
            await Approve(activity.Id, activity.Version);
        await As(TestUsers.Manager, () => Host.SendAsync(copy.Id, "mark-duplicate",
            new { version = copy.Version + 2, originalId = api["training"].Id, reason = "Same training, reported by the Chiapas office too" }));
        await App.WaitForProjectionsAsync();
        var files = await ByTitleAsync();

        // The case files say what the reports said.
        var meeting = files[RegionalMeeting.Title!];
        Assert.Equal((60, true), (meeting.Participants!.Total, meeting.Participants.TotalIsMinimum));
        Assert.Equal(["GT", "HN", "SV", "MX"], meeting.ParticipatingCountries);
        Assert.Null(meeting.Location.CountryCode);
        var training = files[TwoDayTraining.Title!];
        Assert.Equal([new Session(new DateOnly(2025, 5, 22), null), new Session(new DateOnly(2025, 5, 27), "Tuxtla Gutiérrez")], training.Sessions);
        Assert.Equal((new DateOnly(2025, 5, 22), (DateOnly?)new DateOnly(2025, 5, 27)), (training.ActualStart, training.ActualEnd));
        Assert.Equal([new Part("institution", "inm-mx", 45)], training.Participants!.Parts);
        Assert.Equal([new Part("institution", "inm-mx", 45)], training.Outcomes.Single().Parts);
        var survey = files[FlowMonitoring.Title!].Outcomes.ToDictionary(o => o.IndicatorCode);
        Assert.Equal((1500m, true), (survey["people-interviewed"].Value, survey["people-interviewed"].ValueIsMinimum));
        Assert.Equal((120m, (decimal?)184m, 34m, (decimal?)null), (survey["daily-arrivals"].Value, survey["daily-arrivals"].Base, survey["arrivals-change"].Value, survey["arrivals-change"].Base));
        Assert.Equal(6, files[AssistedReturns.Title!].Participants!.UnaccompaniedMinors);
        var course = files["Curso virtual sobre protección de personas migrantes: más de 120 inscritas"];
        Assert.Equal((120, true, 120m, true), (course.Participants!.Total, course.Participants.TotalIsMinimum, course.Outcomes.Single().Value, course.Outcomes.Single().ValueIsMinimum));
        Assert.Equal(["Fuente: nota de prensa de la DGME."], files["Presentación de la Guía Consular para el retorno de personas costarricenses"].Notes.Select(n => n.Text));
        Assert.Equal(api["training"].Id, files[copy.Title].DuplicateOf);

        // The dashboards count each activity once: the copy is out, floors stay floors.
        var programme = (await Dashboard("programmes/MESO-CARIB")).Approved;
        Assert.Equal((10, 0), (programme.Activities, programme.Cancelled));
        Assert.Equal(1, programme.ActivitiesByKind[Signing]);
        var trained = programme.Outcomes.Single(o => o.IndicatorCode == "people-trained");
        Assert.Equal((200m, true), (trained.Value, trained.IsMinimum));
        // The training's 45 from the institute; of the 200 trained (the virtual course's 120 too) 155 are not stated.
        Assert.Equal([new Part("institution", "inm-mx", 45)], trained.Parts);
        Assert.Equal(155m, Part.ByDimension(trained.Parts, trained.Value!.Value).Single().NotStated);
        Assert.Equal([new Part("institution", "inm-mx", 45)], programme.ParticipantParts);
        Assert.Equal((1500m, true), (programme.Outcomes.Single(o => o.IndicatorCode == "people-interviewed").Value, programme.Outcomes.Single(o => o.IndicatorCode == "people-interviewed").IsMinimum));
        // A rate and a percentage are never added to anything: the lone survey's figures, as reported.
        var arrivals = programme.Outcomes.Single(o => o.IndicatorCode == "daily-arrivals");
        Assert.Equal((120m, AggregationRule.WeightedMean, 1, (decimal?)184m), (arrivals.Value, arrivals.Aggregation, arrivals.Weighed, arrivals.Base));
        Assert.Equal(34m, programme.Outcomes.Single(o => o.IndicatorCode == "arrivals-change").Value);
        Assert.Equal([new OutcomeSplit(Breakdown.Country, "GT", 15), new OutcomeSplit(Breakdown.Country, "HN", 20)],
            programme.Outcomes.Single(o => o.IndicatorCode == "people-returned").Breakdown);
        Assert.True(programme.ParticipantsIsMinimum);
        Assert.Equal(60L + 80 + 35 + 250 + 40 + 120 + 120 + 12, programme.Participants);
        Assert.Equal(1, (await Dashboard("countries/MX")).Approved.ActivitiesByKind.GetValueOrDefault("training"));

        // The four exports hold the ten that count, and every fact above.
        var csv = await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/activities.csv"));
        using (var parser = new CsvHelper.CsvParser(new StringReader(csv.TrimStart('\uFEFF')), System.Globalization.CultureInfo.InvariantCulture))
        {
            var records = 0;
            while (parser.Read())
                records++;
            Assert.Equal(1 + 10, records);
        }
        Assert.DoesNotContain(copy.Title, csv);
        foreach (var fact in new[] { "people-interviewed>=1500", "daily-arrivals=120@184", "arrivals-change=34", "people-trained>=120", "2025-05-22; 2025-05-27|Tuxtla Gutiérrez", "GT; HN; SV; MX",
                     "https://example.org/cr/guia-consular.pdf|Guía consular", "people-returned/country/HN=20",
                     "people-trained/institution/inm-mx=45", ",institution/inm-mx=45," })
            Assert.Contains(fact, csv);
        var workbook = await As(TestUsers.Manager, () => Host.Scenario(s => s.Get.Url("/api/exports/activities.xlsx")));
        using (var sheet = new MemoryStream())
        {
            await workbook.Context.Response.Body.CopyToAsync(sheet);
            sheet.Position = 0;
            var rows = MiniExcelLibs.MiniExcel.Query(sheet, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(10, rows.Count);
            Assert.Contains(rows, r => (string?)r[C.Sessions] == "2025-05-22; 2025-05-27|Tuxtla Gutiérrez");
        }
        var threeW = await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/3w-hxl.csv"));
        Assert.Contains("Tercera Feria de Empleo para personas migrantes en Tijuana", threeW);
        Assert.DoesNotContain("Capacitación sobre identificación de víctimas de trata para consulados", threeW);
        // The added kind is named as the administrator named it.
        Assert.Contains("Signing of an agreement or work plan", threeW);
        var iati = await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/iati.xml"));
        Assert.Empty(IatiSchema.Problems(iati));
        var iatiActivities = XDocument.Parse(iati).Root!.Elements("iati-activity").ToList();
        Assert.Equal(10, iatiActivities.Count);
        XElement Iati(string title) => iatiActivities.Single(a => a.Element("title")!.Element("narrative")!.Value == title);
        Assert.Equal("2", (string?)Iati("Campaña informativa sobre migración segura en Honduras").Element("activity-status")!.Attribute("code"));
        Assert.Equal("4", (string?)Iati(JobFair.Title!).Element("activity-status")!.Attribute("code"));
        Assert.Contains("2025-05-27 (Tuxtla Gutiérrez)", Iati(TwoDayTraining.Title!).Elements("activity-date").Single(d => (string?)d.Attribute("type") == "2").Value);
        Assert.Equal("application/pdf", (string?)Iati("Presentación de la Guía Consular para el retorno de personas costarricenses").Element("document-link")!.Attribute("format"));
        Assert.StartsWith("At least 1500", Iati(FlowMonitoring.Title!).Descendants("actual").First().Element("comment")!.Elements("narrative").First().Value);
        var measures = Iati(FlowMonitoring.Title!).Elements("result").Select(r => r.Element("indicator")!)
            .ToDictionary(i => (string)i.Element("reference")!.Attribute("code")!, i => (string?)i.Attribute("measure"));
        Assert.Equal(new Dictionary<string, string?> { ["people-interviewed"] = "1", ["daily-arrivals"] = "1", ["arrivals-change"] = "2" }, measures);
        Assert.Equal(["GT", "HN", "SV", "MX"], Iati(RegionalMeeting.Title!).Elements("recipient-country").Select(c => (string)c.Attribute("code")!));
        // A date range keeps the six-month survey that overlaps it.
        Assert.Contains(FlowMonitoring.Title!, await As(TestUsers.Manager, () => Host.GetAsText("/api/exports/activities.csv?from=2025-06-01&to=2025-06-30")));
    }

    async Task<Dictionary<string, ActivityDetails>> ByTitleAsync()
    {
        await using var session = App.Store.QuerySession();
        return (await session.Query<ActivityDetails>().ToListAsync()).ToDictionary(a => a.Title);
    }
}
