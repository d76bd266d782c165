using ActivityTracker.Decisions;
using ActivityTracker.Organisations;
using ActivityTracker.Organisations.AddingAliases;
using ActivityTracker.Organisations.Merging;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Organisations;

// The rules of organisations are pure functions: no host, no database.
public class OrganisationRulesTests
{
    static OrganisationDetails Organisation(string code, string name, string? acronym = null, string? mergedInto = null, params string[] aliases) =>
        new(OrganisationDetails.IdFor(code), code, name, acronym, aliases, null, OrganisationType.Government, mergedInto);

    static readonly OrganisationDetails Segob = Organisation("segob-mx", "Secretaría de Gobernación", "SEGOB", null, "UPM");
    static readonly OrganisationDetails Upm = Organisation("upm-mx", "Unidad de Política Migratoria", "UPMRIP", null, "Migration Policy Unit");

    [Fact]
    public void a_complete_registration_passes_and_its_event_carries_the_canonical_code_and_trimmed_text()
    {
        var command = Iom() with { Code = " IOM ", Acronym = " IOM ", Aliases = [" OIM "], IatiIdentifier = " XM-DAC-47066 " };

        Assert.True(command.Check().IsEmpty);
        Assert.Equivalent(new OrganisationRegistered(OrganisationDetails.IdFor("iom"), "iom", "International Organization for Migration", "IOM", ["OIM"],
            "XM-DAC-47066", OrganisationType.Multilateral), command.Decide().Registered(), strict: true);
    }

    [Fact]
    public void acronym_aliases_and_iati_identifier_are_optional_and_blank_means_none()
    {
        var command = Iom() with { Acronym = " ", Aliases = null, IatiIdentifier = "" };

        Assert.True(command.Check().IsEmpty);
        var registered = Assert.IsType<OrganisationRegistered>(command.Decide().Registered());
        Assert.Equal(((string?)null, (string?)null), (registered.Acronym, registered.IatiIdentifier));
        Assert.Empty(registered.Aliases);
    }

    [Fact]
    public void code_name_and_type_are_required()
    {
        var errors = (Iom() with { Code = null, Name = "  ", Type = null }).Check().ByField;

        Assert.Equal(["code", "name", "type"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("iom", true)]
    [InlineData("DGME-CR", true)]
    [InlineData("i", false)]
    [InlineData("dgme cr", false)]
    [InlineData("a23456789012345678901234567890123456789012", false)]
    public void the_code_is_2_to_40_lower_case_letters_digits_or_hyphens(string code, bool valid)
    {
        Assert.Equal(valid, !(Iom() with { Code = code }).Check().ByField.ContainsKey("code"));
    }

    [Fact]
    public void lengths_are_limited_and_each_name_is_given_once()
    {
        Assert.Contains("31 characters", (Iom() with { Acronym = new string('a', 31) }).Check().ByField["acronym"][0]);
        var command = Iom() with { Name = new string('n', 201), Acronym = "IOM", Aliases = ["OIM", "oim ", " ", new string('x', 201), "iom"] };

        var errors = command.Check().ByField;

        Assert.Equal(["aliases", "name"], errors.Keys.Order());
        Assert.Contains(errors["aliases"], m => m.Contains("repeated: 'IOM', 'OIM'"));
        Assert.Contains(errors["aliases"], m => m.Contains("blank"));
        Assert.Contains(errors["aliases"], m => m.Contains("201 characters"));
    }

    [Theory]
    [InlineData("XM-DAC-47066", true)]
    [InlineData("GB-CHC-202918", true)]
    [InlineData("US-EIN-13-5660870", true)]
    [InlineData("47066", false)]
    [InlineData("XM DAC 47066", false)]
    [InlineData("XMDAC-47066", false)]
    public void the_iati_identifier_is_an_agency_prefix_then_an_identifier(string identifier, bool valid)
    {
        Assert.Equal(valid, (Iom() with { IatiIdentifier = identifier }).Check().IsEmpty);
    }

    [Fact]
    public void a_type_outside_the_iati_code_list_is_named()
    {
        Assert.Contains("99 is not an IATI organisation type", (Iom() with { Type = (OrganisationType)99 }).Check().ByField["type"][0]);
    }

    [Fact]
    public void an_alias_is_added_trimmed()
    {
        var decision = new AddOrganisationAlias(1, " Ministry of the Interior ").Decide(Segob);

        Assert.Equal(new OrganisationAliasAdded("Ministry of the Interior"), Assert.Single(Assert.IsType<Decision.Accepted>(decision).Events));
    }

    [Theory]
    [InlineData("upm")]
    [InlineData("Segob")]
    [InlineData("secretaría de gobernación")]
    public void a_name_the_organisation_is_already_known_by_is_refused(string alias)
    {
        Assert.Contains("already known as", Assert.IsType<Decision.Refused>(new AddOrganisationAlias(1, alias).Decide(Segob)).Reason);
    }

    [Fact]
    public void a_merged_organisation_takes_no_new_alias()
    {
        var decision = new AddOrganisationAlias(2, "UPM Mexico").Decide(Upm with { MergedIntoCode = "segob-mx" });

        Assert.Contains("add the alias to 'segob-mx'", Assert.IsType<Decision.Refused>(decision).Reason);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void an_alias_is_required_and_at_most_200_characters(int? length, bool valid)
    {
        var command = new AddOrganisationAlias(1, length is { } n ? new string('a', n) : null);

        Assert.Equal(valid, command.Check().IsEmpty);
    }

    [Fact]
    public void a_merge_into_a_standing_organisation_is_recorded_on_the_merged_one()
    {
        var command = new MergeOrganisation(1, "SEGOB-MX", " Reorganisation ");

        var decision = command.Decide(Upm, Segob);

        Assert.Equal(new OrganisationMerged("segob-mx", "Reorganisation"), Assert.Single(Assert.IsType<Decision.Accepted>(decision).Events));
    }

    [Fact]
    public void the_survivor_absorbs_the_merged_organisations_names_as_they_stood()
    {
        Assert.Equivalent(new OrganisationAbsorbed("upm-mx", "Unidad de Política Migratoria", "UPMRIP", ["Migration Policy Unit"], "Reorganisation"),
            new MergeOrganisation(1, "segob-mx", "Reorganisation").Absorbed(Upm), strict: true);
    }

    [Fact]
    public void merging_into_itself_is_refused()
    {
        Assert.Contains("into itself", Assert.IsType<Decision.Refused>(new MergeOrganisation(1, "UPM-MX", "Why").Decide(Upm, survivor: null)).Reason);
    }

    [Fact]
    public void merging_into_an_unknown_organisation_is_refused()
    {
        Assert.Contains("no organisation 'nobody'", Assert.IsType<Decision.Refused>(new MergeOrganisation(1, "nobody", "Why").Decide(Upm, survivor: null)).Reason);
    }

    [Fact]
    public void merging_into_an_organisation_that_was_itself_merged_is_refused_and_names_where_it_went()
    {
        var decision = new MergeOrganisation(1, "segob-mx", "Why").Decide(Upm, Segob with { MergedIntoCode = "iom" });

        Assert.Contains("merge 'upm-mx' into 'iom' instead", Assert.IsType<Decision.Refused>(decision).Reason);
    }

    [Fact]
    public void an_organisation_is_merged_once()
    {
        var decision = new MergeOrganisation(2, "iom", "Why").Decide(Upm with { MergedIntoCode = "segob-mx" }, Organisation("iom", "IOM"));

        Assert.Contains("already merged into 'segob-mx'", Assert.IsType<Decision.Refused>(decision).Reason);
    }

    [Fact]
    public void a_merge_names_its_survivor_and_says_why()
    {
        var errors = Assert.IsType<Decision.Invalid>(new MergeOrganisation(1, "Segob MX", " ").Decide(Upm, Segob)).Errors.ByField;

        Assert.Equal(["intoCode", "reason"], errors.Keys.Order());
    }

    [Fact]
    public void absorbing_adds_each_new_name_once_and_keeps_the_survivors_own()
    {
        var absorbed = new OrganisationAbsorbed("upm-mx", "Unidad de Política Migratoria", "upm", ["SEGOB", "Migration Policy Unit", "migration policy unit"], "Why");

        var segob = OrganisationDetailsProjection.Apply(absorbed, Segob);

        Assert.Equal(["UPM", "Unidad de Política Migratoria", "Migration Policy Unit"], segob.Aliases);
        Assert.Equal(("Secretaría de Gobernación", "SEGOB"), (segob.Name, segob.Acronym));
    }

    [Fact]
    public async Task resolving_follows_merges_to_the_organisation_that_stands_today()
    {
        var directory = new[]
        {
            Upm with { MergedIntoCode = "segob-mx" },
            Segob with { MergedIntoCode = "iom" },
            Organisation("iom", "IOM"),
        }.ToDictionary(o => o.Code);

        Task<OrganisationDetails?> Find(string code) => Task.FromResult(directory.GetValueOrDefault(OrganisationDetails.Canonical(code)));

        Assert.Equal("iom", await OrganisationDirectory.ResolveAsync(Find, "UPM-MX"));
        Assert.Equal("iom", await OrganisationDirectory.ResolveAsync(Find, "iom"));
        Assert.Null(await OrganisationDirectory.ResolveAsync(Find, "nobody"));
    }

    [Fact]
    public async Task resolving_stops_at_a_cycle_instead_of_looping()
    {
        var directory = new[] { Upm with { MergedIntoCode = "segob-mx" }, Segob with { MergedIntoCode = "upm-mx" } }.ToDictionary(o => o.Code);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            OrganisationDirectory.ResolveAsync(code => Task.FromResult(directory.GetValueOrDefault(code)), "upm-mx"));

        Assert.Contains("upm-mx -> segob-mx -> upm-mx", error.Message);
    }
}
