using System.Xml.Linq;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Commands;
using ActivityTracker.Exchange.Exports;
using ActivityTracker.Indicators;
using ActivityTracker.Programmes;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Exchange;

// GET /api/exports/iati.xml: the demo activities as an IATI 2.03 document that the standard's own schema accepts.
public class IatiExportTests(AppFixture app) : ExportTest(app)
{
    static readonly XNamespace Xml = XNamespace.Xml;

    async Task<string> Export(string query = "") => await (await Download($"/api/exports/iati.xml{query}")).ReadAsTextAsync();

    async Task SetTarget(string programme, string indicator, string period, decimal value) => await As(TestUsers.Admin, async () =>
    {
        var details = (await Host.GetAsJson<ProgrammeDetails>($"/api/programmes/{programme}"))!;
        return await Host.PostJsonAsync($"/api/programmes/{programme}/targets", new { version = details.Version, indicatorCode = indicator, period, value }, 200);
    });

    [Fact]
    public async Task the_ten_demo_activities_validate_against_the_iati_2_03_schema_without_errors_or_warnings()
    {
        var document = await Export();

        Assert.Empty(IatiSchema.Problems(document));
        // The validation is not vacuous: a document missing a required element fails it.
        Assert.NotEmpty(IatiSchema.Problems(document.Replace("<activity-status", "<activity-state")));
        var root = XDocument.Parse(document).Root!;
        Assert.Equal(("iati-activities", "2.03"), (root.Name.LocalName, (string?)root.Attribute("version")));
        Assert.Equal(10, root.Elements("iati-activity").Count());
        Assert.All(root.Elements("iati-activity"), a =>
        {
            var reporting = a.Element("reporting-org")!;
            Assert.Equal(("XM-DAC-47066", "40"), ((string?)reporting.Attribute("ref"), (string?)reporting.Attribute("type")));
            Assert.StartsWith("XM-DAC-47066-", a.Element("iati-identifier")!.Value);
        });
    }

    [Fact]
    public async Task an_activity_carries_its_partners_status_dates_place_sector_and_last_change()
    {
        var document = XDocument.Parse(await Export());
        var fair = document.Root!.Elements("iati-activity").Single(a => a.Element("iati-identifier")!.Value == $"XM-DAC-47066-{Tijuana}");
        var stored = (await Host.GetAsJson<ActivityTracker.Activities.GettingDetails.ActivityDetails>(ActivitySteps.Url(Tijuana)))!;

        Assert.Equal(stored.LastChangedAt, DateTimeOffset.Parse((string)fair.Attribute("last-updated-datetime")!));
        Assert.Equal("en", (string?)fair.Attribute(Xml + "lang"));
        Assert.Equal("IOM promotes labor integration of migrants in Tijuana", fair.Element("title")!.Element("narrative")!.Value);
        Assert.Equal([("4", "11", null), ("4", "40", "XM-DAC-47066")], fair.Elements("participating-org")
            .Select(o => ((string)o.Attribute("role")!, (string)o.Attribute("type")!, (string?)o.Attribute("ref"))).OrderBy(o => o.Item2));
        Assert.Equal("3", (string?)fair.Element("activity-status")!.Attribute("code"));
        Assert.Equal([("2", "2019-02-27"), ("4", "2019-02-28")],
            fair.Elements("activity-date").Select(d => ((string)d.Attribute("type")!, (string)d.Attribute("iso-date")!)));
        Assert.Equal(("MX", "100"), ((string?)fair.Element("recipient-country")!.Attribute("code"), (string?)fair.Element("recipient-country")!.Attribute("percentage")));
        Assert.Equal("Patio Central of the Municipal Palace of Tijuana", fair.Element("location")!.Element("name")!.Element("narrative")!.Value);
        Assert.Equal(("1", "16020"), ((string?)fair.Element("sector")!.Attribute("vocabulary"), (string?)fair.Element("sector")!.Attribute("code")));
        Assert.Equal(4, fair.Elements("result").Count());
    }

    [Fact]
    public async Task a_partner_still_awaiting_confirmation_is_a_participating_org_with_its_name_and_type_and_no_ref()
    {
        var id = await As(TestUsers.Officer, async () =>
        {
            await Host.PostJsonAsync("/api/organisations/proposals", new { name = "Pastoral de Movilidad Humana", acronym = "PMH", type = "NationalNgo" }, 201);
            return (await Host.RecordAsync(TijuanaJobFair() with { Partners = [new PartnerInput("pmh", OrganisationRole.Implementing)] })).Id;
        });

        var document = await Export();

        Assert.Empty(IatiSchema.Problems(document));
        var partner = XDocument.Parse(document).Root!.Elements("iati-activity").Single(a => a.Element("iati-identifier")!.Value == $"XM-DAC-47066-{id}").Element("participating-org")!;
        Assert.Equal(("4", "22", null, "Pastoral de Movilidad Humana"),
            ((string?)partner.Attribute("role"), (string?)partner.Attribute("type"), (string?)partner.Attribute("ref"), partner.Element("narrative")!.Value));
    }

    [Fact]
    public async Task a_result_has_a_zero_baseline_the_programme_target_of_its_period_and_the_actual_broken_down_by_sex_and_age()
    {
        await SetTarget("MESO-CARIB", "jobfair-hired", "2019", 100);
        var (id, _) = await As(TestUsers.Officer, () => Host.RecordAsync(TijuanaJobFair() with
        {
            Outcomes = [new OutcomeInput("jobfair-hired", 33, [new OutcomeSplitInput(Breakdown.Sex, "female", 20), new OutcomeSplitInput(Breakdown.Sex, "male", 13),
                new OutcomeSplitInput(Breakdown.Age, "adults", 33)])],
        }));

        var document = await Export();

        Assert.Empty(IatiSchema.Problems(document));
        var activity = XDocument.Parse(document).Root!.Elements("iati-activity").Single(a => a.Element("iati-identifier")!.Value == $"XM-DAC-47066-{id}");
        var result = Assert.Single(activity.Elements("result"));
        Assert.Equal("1", (string?)result.Attribute("type"));
        var indicator = result.Element("indicator")!;
        Assert.Equal("1", (string?)indicator.Attribute("measure"));
        Assert.Equal("People hired through job fairs", indicator.Element("title")!.Elements("narrative").First(n => (string?)n.Attribute(Xml + "lang") == "en").Value);
        var baseline = indicator.Element("baseline")!;
        Assert.Equal(("2019", "2019-02-27", "0"), ((string)baseline.Attribute("year")!, (string)baseline.Attribute("iso-date")!, (string)baseline.Attribute("value")!));
        var period = indicator.Element("period")!;
        Assert.Equal(("2019-01-01", "2019-12-31"), ((string)period.Element("period-start")!.Attribute("iso-date")!, (string)period.Element("period-end")!.Attribute("iso-date")!));
        Assert.Equal("100", (string?)period.Element("target")!.Attribute("value"));
        Assert.Equal([("33", null, null), ("20", "sex", "Female"), ("13", "sex", "Male"), ("33", "age", "Adults")], period.Elements("actual")
            .Select(a => ((string)a.Attribute("value")!, (string?)a.Element("dimension")?.Attribute("name"), (string?)a.Element("dimension")?.Attribute("value"))));
    }

    [Fact]
    public async Task an_approved_campaign_still_under_way_is_in_implementation_and_its_results_run_to_the_day_of_the_export()
    {
        var (campaign, v) = await As(TestUsers.Officer, () => Host.RecordAsync(TijuanaJobFair() with
        {
            ActualEnd = null,
            Outcomes = [new OutcomeInput("jobfair-hired", 12, [])],
        }));
        v = await As(TestUsers.Officer, async () => (await (await Host.SendAsync(campaign, "submit", new { version = v })).ReadAsJsonAsync<CommandAccepted>())!.Version);
        await Host.SendAsync(campaign, "approve", new { version = v });

        var document = await Export();

        Assert.Empty(IatiSchema.Problems(document));
        var activity = XDocument.Parse(document).Root!.Elements("iati-activity").Single(a => a.Element("iati-identifier")!.Value == $"XM-DAC-47066-{campaign}");
        Assert.Equal("2", (string?)activity.Element("activity-status")!.Attribute("code"));
        var period = activity.Element("result")!.Element("indicator")!.Element("period")!;
        Assert.Equal(("2019-02-27", DateTime.UtcNow.ToString("yyyy-MM-dd")),
            ((string)period.Element("period-start")!.Attribute("iso-date")!, (string)period.Element("period-end")!.Attribute("iso-date")!));
        Assert.Contains("still under way", period.Element("actual")!.Element("comment")!.Elements("narrative").First().Value);
        // Nothing is closed that has not ended.
        Assert.DoesNotContain(XDocument.Parse(document).Root!.Elements("iati-activity"), a => (string?)a.Element("activity-status")!.Attribute("code") == "4"
            && a.Elements("activity-date").All(d => (string?)d.Attribute("type") != "4"));
    }

    [Fact]
    public async Task the_sources_a_report_cites_are_document_links_the_schema_accepts()
    {
        var (id, _) = await As(TestUsers.Officer, () => Host.RecordAsync(PlannedMeeting() with
        {
            Sources = [new SourceInput("https://example.org/news/regional-meeting", "Regional meeting on labour migration"), new SourceInput("https://example.org/files/Report.PDF")],
        }));

        var document = await Export();

        Assert.Empty(IatiSchema.Problems(document));
        var meeting = XDocument.Parse(document).Root!.Elements("iati-activity").Single(a => a.Element("iati-identifier")!.Value == $"XM-DAC-47066-{id}");
        Assert.Equal(
            [
                ("https://example.org/news/regional-meeting", "text/html", "Regional meeting on labour migration", "A12"),
                ("https://example.org/files/Report.PDF", "application/pdf", "https://example.org/files/Report.PDF", "A12"),
            ],
            meeting.Elements("document-link").Select(l => ((string)l.Attribute("url")!, (string)l.Attribute("format")!,
                l.Element("title")!.Element("narrative")!.Value, (string)l.Element("category")!.Attribute("code")!)));
        // Where the schema puts them: after the sector, before the results.
        Assert.Equal("sector", meeting.Element("document-link")!.ElementsBeforeSelf().Last().Name.LocalName);
    }

    [Fact]
    public async Task a_regional_activity_splits_its_recipient_countries_evenly_to_100_and_an_undated_one_says_its_date_is_the_day_recorded()
    {
        var document = XDocument.Parse(await Export());
        var activities = document.Root!.Elements("iati-activity").ToList();

        // The congress in Guatemala City has a host; the assisted returns (MX, GT) have none.
        var returns = activities.Single(a => a.Element("iati-identifier")!.Value.EndsWith("2d74e970-871f-4bf5-a333-708d5798b1aa"));
        Assert.Equal([("MX", 50m), ("GT", 50m)], returns.Elements("recipient-country").Select(c => ((string)c.Attribute("code")!, (decimal)c.Attribute("percentage")!)));
        var date = Assert.Single(returns.Elements("activity-date"));
        var recorded = (await Host.GetAsJson<ActivityTracker.Activities.GettingDetails.ActivityDetails>("/api/activities/2d74e970-871f-4bf5-a333-708d5798b1aa"))!.RecordedAt;
        Assert.Equal(("1", recorded.UtcDateTime.ToString("yyyy-MM-dd")), ((string)date.Attribute("type")!, (string)date.Attribute("iso-date")!));
        Assert.NotEmpty(date.Elements("narrative"));
        Assert.Null(returns.Element("location"));

        // The MiGOF publication names no partner: IOM, which reports it, is listed as accountable.
        var publication = activities.Single(a => a.Element("activity-status") is not null && a.Elements("participating-org").Count() == 1
            && (string?)a.Element("participating-org")!.Attribute("role") == "2" && (string?)a.Element("participating-org")!.Attribute("ref") == "XM-DAC-47066");
        Assert.Equal("International Organization for Migration", publication.Element("participating-org")!.Element("narrative")!.Value);

        Assert.Equal(100m, IatiActivities.EvenShares(9).Sum());
        Assert.Equal([33.33m, 33.33m, 33.34m], IatiActivities.EvenShares(3));
    }

    [Fact]
    public async Task filters_and_scope_apply_to_the_iati_export_too()
    {
        var mexico = XDocument.Parse(await As(DemoUsers.OfficerMexico, () => Export()));
        var jobFairs = XDocument.Parse(await Export("?kind=job-fair"));

        Assert.Equal(5, mexico.Root!.Elements("iati-activity").Count());
        Assert.Equal([$"XM-DAC-47066-{Tijuana}"], jobFairs.Root!.Elements("iati-activity").Select(a => a.Element("iati-identifier")!.Value));
    }
}
