using ActivityTracker.Activities;
using ActivityTracker.Exchange.Exports;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Exchange;

// GET /api/exports/3w-hxl.csv: who does what where, with HXL hashtags under the header.
public class ThreeWExportTests(AppFixture app) : ExportTest(app)
{
    [Fact]
    public async Task the_header_is_followed_by_the_hxl_hashtag_row()
    {
        var records = await CsvAsync("/api/exports/3w-hxl.csv");

        Assert.Equal(["Implementing organisation", "Sector", "DAC sector code", "Activity kind", "Activity", "Country (ISO3)", "Admin 1",
            "Start date", "End date", "People reached", "Women and girls", "Men and boys", "Children (0-17)", "Adults (18-59)", "Elderly (60+)", "Reached: at least (the total is a minimum)"], records[0]);
        Assert.Equal(["#org +impl", "#sector", "#sector +code", "#activity", "#activity +name", "#country +code +v_iso3", "#adm1 +name",
            "#date +start", "#date +end", "#reached +ind", "#reached +ind +f", "#reached +ind +m",
            "#reached +ind +children", "#reached +ind +adults", "#reached +ind +elderly", "#reached +ind +at_least"], records[1]);
    }

    [Fact]
    public async Task the_tijuana_job_fair_has_a_row_per_implementing_partner_in_mexico_with_256_reached_and_no_made_up_breakdown()
    {
        var records = await CsvAsync("/api/exports/3w-hxl.csv?search=Tijuana");

        Assert.Equal(4, records.Count);
        Assert.Equal(["International Organization for Migration", "Municipality of Tijuana"], records.Skip(2).Select(r => r[0]).Order());
        Assert.All(records.Skip(2), row => Assert.Equal(
            ["Employment creation", "16020", "Job fair", "IOM promotes labor integration of migrants in Tijuana", "MEX", "Baja California",
             "2019-02-27", "2019-02-28", "256", "", "", "", "", "", ""], row.Skip(1)));
    }

    [Fact]
    public async Task an_activity_without_an_implementing_partner_has_one_row_and_a_regional_one_no_country()
    {
        var records = await CsvAsync("/api/exports/3w-hxl.csv");
        var rows = records.Skip(2).ToList();

        var network = Assert.Single(rows, r => r[4].Contains("Counter-Trafficking Network"));
        Assert.Equal(("", "", "50"), (network[0], network[5], network[9]));
        var returns = Assert.Single(rows, r => r[4].StartsWith("Over a thousand migrants"));
        Assert.Equal(("", "1195"), (returns[5], returns[9]));
    }

    [Fact]
    public async Task reach_by_sex_and_age_sums_the_groups_and_is_zero_only_when_the_breakdown_covers_the_total()
    {
        await App.ActAsAsync(TestUsers.Officer);
        var (id, _) = await Host.RecordAsync(TijuanaJobFair() with
        {
            Title = "Job fair with a breakdown",
            Participants = new ParticipantsInput(100, Groups: [new(Sex.Female, AgeBand.Adults, 60), new(Sex.Female, AgeBand.Children, 10), new(Sex.Male, AgeBand.Adults, 30)]),
        });
        await Host.RecordAsync(TijuanaJobFair() with
        {
            Title = "Job fair with part of a breakdown",
            Participants = new ParticipantsInput(100, Groups: [new(Sex.Female, null, 40)]),
        });
        await Host.RecordAsync(TijuanaJobFair() with { Title = "Job fair with over 100 people", Participants = new ParticipantsInput(100, TotalIsMinimum: true) });
        await App.ActAsAsync(User);

        var records = await CsvAsync("/api/exports/3w-hxl.csv?search=job%20fair%20with");

        var full = records.Single(r => r[4] == "Job fair with a breakdown");
        Assert.Equal(["100", "70", "30", "10", "90", "0", ""], full[9..]);
        var part = records.Single(r => r[4] == "Job fair with part of a breakdown");
        Assert.Equal(["100", "40", "", "", "", "", ""], part[9..]);
        // "Over 100": the number stays summable, the floor is marked beside it.
        var floor = records.Single(r => r[4] == "Job fair with over 100 people");
        Assert.Equal(["100", "", "", "", "", "", "true"], floor[9..]);
    }

    [Fact]
    public async Task names_follow_the_request_language()
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/api/exports/3w-hxl.csv?search=Tijuana");
            s.WithRequestHeader("Accept-Language", "es");
        });
        var records = Records(await result.ReadAsTextAsync());

        Assert.Equal("Organización ejecutora", records[0][0]);
        Assert.Equal(ThreeW.Hashtags, records[1]);
        Assert.Equal(("Creación de empleo", "Feria de empleo"), (records[2][1], records[2][3]));
    }
}
