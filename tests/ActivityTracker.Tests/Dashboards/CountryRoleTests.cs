using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Dashboards;
using ActivityTracker.Exchange.Exports;

namespace ActivityTracker.Tests.Dashboards;

/// <summary>The <c>role</c> parameter and what a country is to an activity under each role: the pure rules, no database.</summary>
public sealed class CountryRoleTests
{
    /// <summary>A regional meeting hosted in Mexico that Honduras and Guatemala took part in (Mexico listed too, as officers do).</summary>
    static readonly ActivityDetails MeetingInMexico = new()
    {
        Kind = "meeting", ProgrammeCode = "MESO-CARIB", ActualStart = new DateOnly(2019, 3, 12),
        Location = new Location("MX", null, "Tapachula", null, null), ParticipatingCountries = ["HN", "MX", "GT"],
    };

    static readonly ActivityDetails RegionalMeeting = MeetingInMexico with { Location = Location.Nowhere, ParticipatingCountries = ["HN", "SV"] };

    [Theory]
    [InlineData(null, CountryRole.Host)]
    [InlineData("", CountryRole.Host)]
    [InlineData("host", CountryRole.Host)]
    [InlineData("taking-part", CountryRole.TakingPart)]
    [InlineData("Taking-Part", CountryRole.TakingPart)]
    [InlineData(" any ", CountryRole.Any)]
    public void a_role_is_read_in_any_case_and_none_is_the_host(string? text, CountryRole expected)
    {
        Assert.True(CountryRoles.TryRead(text, out var role));
        Assert.Equal(expected, role);
        Assert.Equal(expected, DashboardFilter.Of(null, null, null, "HN", null, null, text).Role);
        Assert.Null(DashboardFilter.Of(null, null, null, "HN", null, null, text).UnreadRole);
    }

    [Theory]
    [InlineData("guest")]
    [InlineData("takingpart")]
    [InlineData("TakingPart")]
    [InlineData("2")]
    [InlineData("host,any")]
    public void anything_else_is_not_a_role_and_the_filter_keeps_it_to_name(string text)
    {
        Assert.False(CountryRoles.TryRead(text, out _));
        var filter = DashboardFilter.Of(null, null, null, "HN", null, null, text);
        Assert.Equal(text, filter.UnreadRole);
        Assert.Equal(CountryRole.Host, filter.Role);
    }

    [Fact]
    public void each_role_writes_back_as_the_parameter_reads_it()
    {
        foreach (var role in Enum.GetValues<CountryRole>())
            Assert.True(CountryRoles.TryRead(role.Name(), out var read) && read == role, role.ToString());
        Assert.Equal(["host", "taking-part", "any"], Enum.GetValues<CountryRole>().Select(r => r.Name()));
    }

    [Fact]
    public void the_host_hosts_and_a_country_listed_elsewhere_takes_part_never_both()
    {
        Assert.True(CountryRole.Host.Holds(MeetingInMexico, "MX"));
        Assert.False(CountryRole.TakingPart.Holds(MeetingInMexico, "MX"));
        Assert.False(CountryRole.Host.Holds(MeetingInMexico, "HN"));
        Assert.True(CountryRole.TakingPart.Holds(MeetingInMexico, "hn"));
        Assert.True(CountryRole.Any.Holds(MeetingInMexico, "HN"));
        Assert.True(CountryRole.Any.Holds(MeetingInMexico, "MX"));
        Assert.False(CountryRole.Any.Holds(MeetingInMexico, "CR"));
        Assert.True(CountryRole.TakingPart.Holds(RegionalMeeting, "SV"));
        Assert.True(CountryRole.Host.Holds(RegionalMeeting, Dimensions.Regional));
    }

    [Fact]
    public void the_country_filter_matches_by_its_role()
    {
        DashboardFilter Honduras(CountryRole role) => DashboardFilter.None with { Country = "HN", Role = role };

        Assert.False(Honduras(CountryRole.Host).Matches(MeetingInMexico));
        Assert.True(Honduras(CountryRole.TakingPart).Matches(MeetingInMexico));
        Assert.True(Honduras(CountryRole.Any).Matches(MeetingInMexico));
        Assert.True((DashboardFilter.None with { Country = "MX" }).Matches(MeetingInMexico));
        Assert.False((DashboardFilter.None with { Country = "MX", Role = CountryRole.TakingPart }).Matches(MeetingInMexico));
        // Without a country the role selects nothing: it only says how countries are cut.
        Assert.True((DashboardFilter.None with { Role = CountryRole.TakingPart }).Matches(RegionalMeeting));
    }

    [Fact]
    public void by_country_an_activity_counts_once_for_each_country_in_the_role()
    {
        Assert.Equal(["MX"], Dimensions.KeysOf(Dimensions.Country, MeetingInMexico, CountryRole.Host));
        Assert.Equal(["GT", "HN"], Dimensions.KeysOf(Dimensions.Country, MeetingInMexico, CountryRole.TakingPart));
        Assert.Equal(["MX", "GT", "HN"], Dimensions.KeysOf(Dimensions.Country, MeetingInMexico, CountryRole.Any));
        Assert.Equal(["regional", "HN", "SV"], Dimensions.KeysOf(Dimensions.Country, RegionalMeeting, CountryRole.Any));
        Assert.Equal(["GT|MESO-CARIB|2019-03", "HN|MESO-CARIB|2019-03"], Dimensions.KeysOf(Dimensions.Cube, MeetingInMexico, CountryRole.TakingPart));
        Assert.Equal(["MESO-CARIB"], Dimensions.KeysOf(Dimensions.Programme, MeetingInMexico, CountryRole.Any));
    }

    [Fact]
    public void a_cell_has_the_keys_of_its_activities()
    {
        var cell = CubeCell.Of(new SliceTally { Id = CubeCell.KeyOf(MeetingInMexico) });

        foreach (var role in Enum.GetValues<CountryRole>())
            foreach (var dimension in Dimensions.All)
                Assert.Equal(Dimensions.KeysOf(dimension, MeetingInMexico, role), cell.KeysIn(dimension, role));
        Assert.True(new SliceKey(Dimensions.Country, "HN").Holds(MeetingInMexico, CountryRole.TakingPart));
        Assert.False(new SliceKey(Dimensions.Country, "HN").Holds(MeetingInMexico));
    }

    [Fact]
    public void an_export_link_carries_the_role()
    {
        Assert.Equal("?country=HN&role=taking-part", (ExportFilter.None with { Country = "HN", Role = "taking-part" }).ToQueryString());
    }
}
