using ActivityTracker.Dashboards;

namespace ActivityTracker.Tests.Dashboards;

/// <summary>
/// Countries taking part (issue #16 item 2): a regional meeting hosted in Mexico with Honduras and Guatemala taking part
/// counts for Mexico as host and for Honduras and Guatemala as taking part, and once in every total.
/// </summary>
public class TakingPartTests(AppFixture app) : DashboardTest(app)
{
    async Task RecordMeetingInMexicoWithHondurasAsync()
    {
        await Host.RecordAsync(Held("meeting", "MX", Day(2019, 3, 12), participants: 40) with { ParticipatingCountries = ["HN", "GT", "MX"] });
        // Hosted by Honduras itself: its host figures, never its taking-part ones.
        await Host.RecordAsync(Held("training", "HN", Day(2019, 4, 2), "AVR-CARAVANS", 12));
        await App.WaitForProjectionsAsync();
    }

    static (int Activities, long Participants) Counted(DashboardView view) => (view.AllReported.Activities, view.AllReported.Participants);

    [Fact]
    public async Task honduras_sees_the_meeting_it_took_part_in_apart_from_what_it_hosted()
    {
        await RecordMeetingInMexicoWithHondurasAsync();

        var hosted = await Dashboard("countries/HN");
        var takingPart = await Dashboard("countries/HN?role=taking-part");
        var either = await Dashboard("countries/hn?role=any");

        Assert.Equal(((1, 12L), "host"), (Counted(hosted), hosted.Role));
        Assert.Equal(new Dictionary<string, int> { ["training"] = 1 }, hosted.AllReported.ActivitiesByKind);
        Assert.Equal(((1, 40L), "taking-part"), (Counted(takingPart), takingPart.Role));
        Assert.Equal(new Dictionary<string, int> { ["meeting"] = 1 }, takingPart.AllReported.ActivitiesByKind);
        Assert.Equal(((2, 52L), "any"), (Counted(either), either.Role));
        // Mexico hosted it and takes part in nothing hosted elsewhere, though its officers listed it too.
        Assert.Equal((1, 40L), Counted(await Dashboard("countries/MX")));
        Assert.Equal((0, 0L), Counted(await Dashboard("countries/MX?role=taking-part")));
        Assert.Equal((1, 40L), Counted(await Dashboard("countries/MX?role=any")));
    }

    [Fact]
    public async Task every_country_slice_follows_the_role_and_totals_count_the_meeting_once()
    {
        await RecordMeetingInMexicoWithHondurasAsync();

        Assert.Equal([("HN", 1), ("MX", 1)], (await Dashboards("countries")).Select(v => (v.Key, v.AllReported.Activities)));
        Assert.Equal([("GT", 1), ("HN", 1)], (await Dashboards("countries?role=taking-part")).Select(v => (v.Key, v.AllReported.Activities)));
        Assert.Equal([("GT", 1), ("HN", 2), ("MX", 1)], (await Dashboards("countries?role=any")).Select(v => (v.Key, v.AllReported.Activities)));
        Assert.All(await Dashboards("countries?role=any"), v => Assert.Equal("any", v.Role));

        // The programme and the region (every programme, every status) count it once, whatever the role.
        foreach (var role in new[] { "", "&role=host", "&role=taking-part", "&role=any" })
        {
            Assert.Equal((1, 40L), Counted(await Dashboard($"programmes/MESO-CARIB?from=2019-01-01{role}")));
            Assert.Equal(2, (await Dashboards($"statuses?from=2019-01-01{role}")).Sum(v => v.AllReported.Activities));
        }
        Assert.Equal([("MESO-CARIB", 1, 40L)], (await Dashboards("programmes?country=HN&role=taking-part")).Select(v => (v.Key, v.AllReported.Activities, v.AllReported.Participants)));
        Assert.Equal([("AVR-CARAVANS", 1, 12L), ("MESO-CARIB", 1, 40L)],
            (await Dashboards("programmes?country=HN&role=any")).Select(v => (v.Key, v.AllReported.Activities, v.AllReported.Participants)));
        Assert.Equal([("AVR-CARAVANS", 1, 12L)], (await Dashboards("programmes?country=HN")).Select(v => (v.Key, v.AllReported.Activities, v.AllReported.Participants)));
        Assert.Equal("taking-part", (await Dashboards("programmes?country=HN&role=taking-part"))[0].Role);
        Assert.Null((await Dashboards("programmes"))[0].Role);
    }

    [Fact]
    public async Task a_date_range_inside_a_month_and_time_travel_read_the_same_roles()
    {
        await RecordMeetingInMexicoWithHondurasAsync();

        // 2019-03-10..2019-04-01 starts and ends inside months: the edge months come from their activities.
        Assert.Equal((1, 40L), Counted(await Dashboard("countries/HN?role=taking-part&from=2019-03-10&to=2019-04-01")));
        Assert.Equal((0, 0L), Counted(await Dashboard("countries/HN?role=taking-part&from=2019-03-13&to=2019-04-30")));
        Assert.Equal((1, 12L), Counted(await Dashboard("countries/HN?role=any&from=2019-03-13&to=2019-04-30")));
        Assert.Equal((1, 40L), Counted(await Dashboard("countries/HN?role=taking-part&asOf=2100-01-01T00:00:00Z")));
        Assert.Equal((2, 52L), Counted(await Dashboard("countries/HN?role=any&asOf=2100-01-01T00:00:00Z")));
    }

    [Fact]
    public async Task a_country_page_reads_what_it_hosted_and_what_it_took_part_in_apart()
    {
        await RecordMeetingInMexicoWithHondurasAsync();
        var manager = new ActivityTracker.Access.AccessScope(new HashSet<string> { ActivityTracker.Access.Roles.Manager },
            new HashSet<string> { ActivityTracker.Access.ScopeClaims.All }, new HashSet<string> { ActivityTracker.Access.ScopeClaims.All });
        var honduras = new SliceKey(Dimensions.Country, "HN");

        await using var session = App.Store.QuerySession();
        var hosted = await SliceView.LoadAsync(session, honduras, manager, default);
        var takingPart = await SliceView.LoadAsync(session, honduras, manager, default, CountryRole.TakingPart);

        Assert.Equal((1, 12L), (hosted.Activities, hosted.Slice.AllReported.Participants));
        Assert.Equal((1, 40L), (takingPart.Activities, takingPart.Slice.AllReported.Participants));
        Assert.Equal("meeting", Assert.Single(takingPart.Recent).Kind);
        Assert.Equal(["2019-03"], takingPart.Months.Select(m => m.Key));
    }

    [Fact]
    public async Task provenance_of_a_country_taking_part_lists_the_meeting()
    {
        await RecordMeetingInMexicoWithHondurasAsync();

        var contributions = await Provenance("countries/HN/provenance?figure=participants&role=taking-part");

        Assert.Equal(40m, Assert.Single(contributions).Value);
        Assert.Equal(2, (await Provenance("countries/HN/provenance?figure=activities&role=any")).Length);
        Assert.Empty(await Provenance("countries/MX/provenance?figure=activities&role=taking-part"));
    }

    [Fact]
    public async Task an_unknown_role_is_400_naming_role_and_nothing_else()
    {
        foreach (var path in new[] { "countries?role=guest", "countries/HN?role=guest", "countries/HN/provenance?figure=activities&role=guest", "programmes?country=HN&role=TakingPart" })
        {
            var errors = (await (await Refused(path, 400)).ProblemAsync()).GetProperty("errors");
            Assert.Equal(["role"], errors.EnumerateObject().Select(e => e.Name));
            Assert.Equal("'guest' is not a country's role. Use one of: host, taking-part, any.".Replace("guest", path.Contains("TakingPart") ? "TakingPart" : "guest"),
                errors.GetProperty("role")[0].GetString());
        }
        Assert.Equal(["country", "role"], await (await Refused("countries?country=XX&role=guest", 400)).ErrorFieldsAsync());
    }
}
