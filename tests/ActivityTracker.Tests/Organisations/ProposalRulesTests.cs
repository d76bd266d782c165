using ActivityTracker.Decisions;
using ActivityTracker.Organisations;
using ActivityTracker.Organisations.Confirming;
using ActivityTracker.Organisations.Merging;
using ActivityTracker.Organisations.Proposing;

namespace ActivityTracker.Tests.Organisations;

// Proposing, confirming and merging a proposal are pure functions of the directory as it stands: no host, no database.
public class ProposalRulesTests
{
    const string Officer = "officer@test.local";

    static OrganisationDetails Organisation(string code, string name, string? acronym = null, bool pending = false, string? by = null,
        string? mergedInto = null, params string[] aliases) =>
        new(OrganisationDetails.IdFor(code), code, name, acronym, aliases, null, OrganisationType.Government, mergedInto, pending, by) { Version = 1 };

    static readonly OrganisationDetails Ilo = Organisation("ilo", "International Labour Organization", "ILO", aliases: ["Organización Internacional del Trabajo", "OIT"]);
    static readonly OrganisationDetails Upm = Organisation("upm-mx", "Unidad de Política Migratoria", "UPM", mergedInto: "segob-mx");
    static readonly OrganisationDetails[] Directory = [Ilo, Upm];

    static ProposeOrganisation Pastoral() => new("Pastoral de Movilidad Humana", "PMH", OrganisationType.NationalNgo);

    static OrganisationProposed Proposed(Decision decision) =>
        Assert.IsType<OrganisationProposed>(Assert.Single(Assert.IsType<Decision.Accepted>(decision).Events));

    static string Refusal(Decision decision) => Assert.IsType<Decision.Refused>(decision).Reason;

    [Fact]
    public void a_proposal_starts_a_pending_stream_with_trimmed_text_and_a_code_made_from_the_acronym()
    {
        var proposed = Proposed((Pastoral() with { Name = " Pastoral de Movilidad Humana ", Acronym = " PMH ", Aliases = [" Pastoral Social "] }).Decide(Directory, Officer));

        Assert.Equivalent(new OrganisationProposed(OrganisationDetails.IdFor("pmh"), "pmh", "Pastoral de Movilidad Humana", "PMH", ["Pastoral Social"],
            OrganisationType.NationalNgo), proposed, strict: true);
    }

    [Fact]
    public void without_an_acronym_the_code_is_made_from_the_name_without_accents_and_numbered_when_taken()
    {
        var taken = Organisation("asociacion-de-migrantes-retornados", "Another", "AMR");

        var code = Proposed(new ProposeOrganisation("Asociación de Migrantes Retornados", null, OrganisationType.NationalNgo).Decide([.. Directory, taken], Officer)).Code;

        Assert.Equal("asociacion-de-migrantes-retornados-2", code);
    }

    [Fact]
    public void a_code_made_from_a_long_name_stays_within_40_characters()
    {
        var code = Proposed(new ProposeOrganisation(string.Join(' ', Enumerable.Repeat("Fundación", 12)), null, OrganisationType.Foundation).Decide(Directory, Officer)).Code;

        Assert.Matches(OrganisationDetails.CodePattern, code);
    }

    [Fact]
    public void a_code_given_is_checked_as_registration_checks_it()
    {
        Assert.Equal("pmh-gt", Proposed((Pastoral() with { Code = " PMH-GT " }).Decide(Directory, Officer)).Code);
        Assert.Equal(["code"], Assert.IsType<Decision.Invalid>((Pastoral() with { Code = "PMH GT" }).Decide(Directory, Officer)).Errors.ByField.Keys);
    }

    [Fact]
    public void bad_fields_are_named_with_the_registration_rules_and_nothing_is_proposed()
    {
        var decision = new ProposeOrganisation("", new string('A', 31), null, ["PMH", " "]).Decide(Directory, Officer);

        Assert.Equal(["acronym", "aliases", "name", "type"], Assert.IsType<Decision.Invalid>(decision).Errors.ByField.Keys.Order());
    }

    [Fact]
    public void a_name_without_two_letters_or_digits_asks_for_a_code()
    {
        var errors = Assert.IsType<Decision.Invalid>(new ProposeOrganisation("—", null, OrganisationType.Other).Decide(Directory, Officer)).Errors.ByField;

        Assert.Equal(["code"], errors.Keys);
        Assert.Contains("Give a code", Assert.Single(errors["code"]));
    }

    [Theory]
    [InlineData("OIT", null)]
    [InlineData("O.I.T.", null)]
    [InlineData("Organizacion internacional del trabajo", null)]
    [InlineData("Another name", "ilo")]
    public void a_name_an_organisation_is_known_by_is_refused_naming_it(string name, string? acronym)
    {
        var reason = Refusal(new ProposeOrganisation(name, acronym, OrganisationType.Multilateral).Decide(Directory, Officer));

        Assert.Contains("is already known as International Labour Organization (ilo); use it", reason);
    }

    [Fact]
    public void a_name_already_proposed_is_refused_naming_the_proposal()
    {
        var pending = Organisation("pmh", "Pastoral de Movilidad Humana", "PMH", pending: true, by: "officer2@test.local");

        var reason = Refusal((Pastoral() with { Acronym = null }).Decide([.. Directory, pending], Officer));

        Assert.Contains("already proposed as Pastoral de Movilidad Humana (pmh)", reason);
    }

    [Fact]
    public void names_that_begin_like_the_proposal_s_are_similar_but_not_known_and_merged_ones_are_left_out()
    {
        var pastoral = Organisation("pastoral-gt", "Pastoral de Movilidad Humana", "PMH", pending: true, by: "officer2@test.local");
        var command = new ProposeOrganisation("Pastoral Movilidad", "OIT-PM", OrganisationType.NationalNgo);

        var proposed = Proposed(command.Decide([.. Directory, pastoral], Officer));

        Assert.Equal([new SimilarOrganisation("pastoral-gt", "Pastoral de Movilidad Humana", "PMH", true)], command.Similar([.. Directory, pastoral], proposed.Code));
        Assert.Empty(new ProposeOrganisation("Unidad de Política", null, OrganisationType.Government).Similar(Directory, "unidad-de-politica"));
    }

    [Fact]
    public void a_merged_organisations_names_are_its_survivors_so_they_refuse_nothing_by_themselves()
    {
        Assert.Equal("upm", Proposed(new ProposeOrganisation("Unidad de Política Migratoria", "UPM", OrganisationType.Government).Decide(Directory, Officer)).Code);
    }

    [Fact]
    public void an_officer_has_at_most_20_proposals_waiting_then_is_refused_saying_why()
    {
        var mine = Enumerable.Range(1, ProposeOrganisation.PendingPerUserMax - 1).Select(i => Organisation($"p-{i}", $"Proposal {i}", pending: true, by: Officer)).ToList();
        var settled = Organisation("settled", "Confirmed since", by: Officer);
        var others = Organisation("theirs", "Someone else's", pending: true, by: "officer2@test.local");

        Proposed(Pastoral().Decide([.. mine, settled, others], Officer));
        var reason = Refusal(Pastoral().Decide([.. mine, settled, others, Organisation("p-20", "Proposal 20", pending: true, by: "OFFICER@test.local")], Officer));

        Assert.Contains($"already have {ProposeOrganisation.PendingPerUserMax} proposed organisations waiting", reason);
        Proposed(Pastoral().Decide([.. mine, settled, others, Organisation("p-20", "Proposal 20", pending: true, by: Officer)], "officer2@test.local"));
    }

    static readonly OrganisationDetails Pending = Organisation("pmh", "Pastoral Movilidad", "PMH", pending: true, by: Officer);

    [Fact]
    public void confirming_keeps_what_was_proposed_unless_fixed_and_an_empty_acronym_removes_it()
    {
        var kept = new ConfirmOrganisation(1).Decide(Pending);
        var fixedUp = new ConfirmOrganisation(1, " Pastoral de Movilidad Humana ", "", OrganisationType.NationalNgo, " GT-COR-123 ").Decide(Pending);

        Assert.Equivalent(new OrganisationConfirmed("Pastoral Movilidad", "PMH", OrganisationType.Government, null), Assert.Single(Assert.IsType<Decision.Accepted>(kept).Events), strict: true);
        Assert.Equivalent(new OrganisationConfirmed("Pastoral de Movilidad Humana", null, OrganisationType.NationalNgo, "GT-COR-123"),
            Assert.Single(Assert.IsType<Decision.Accepted>(fixedUp).Events), strict: true);
    }

    [Fact]
    public void confirming_checks_the_fixes_as_registration_does()
    {
        var decision = new ConfirmOrganisation(1, "", new string('A', 31), (OrganisationType)99, "47066").Decide(Pending);

        Assert.Equal(["acronym", "iatiIdentifier", "name", "type"], Assert.IsType<Decision.Invalid>(decision).Errors.ByField.Keys.Order());
    }

    [Fact]
    public void only_a_pending_organisation_that_was_not_merged_is_confirmed()
    {
        Assert.Contains("not a proposal waiting for confirmation", Refusal(new ConfirmOrganisation(1).Decide(Ilo)));
        Assert.Contains("was merged into 'ilo'", Refusal(new ConfirmOrganisation(1).Decide(Pending with { MergedIntoCode = "ilo" })));
    }

    [Fact]
    public void a_proposal_merges_into_a_confirmed_organisation_but_nothing_merges_into_a_proposal()
    {
        Assert.IsType<Decision.Accepted>(new MergeOrganisation(1, "ilo", "Same organisation").Decide(Pending, Ilo));
        Assert.Contains("'pmh' is itself a proposal awaiting confirmation", Refusal(new MergeOrganisation(1, "pmh", "Wrong way round").Decide(Ilo, Pending)));
    }

    [Fact]
    public void the_projection_marks_a_proposal_pending_until_it_is_confirmed_or_merged()
    {
        var confirmed = OrganisationDetailsProjection.Apply(new OrganisationConfirmed("Pastoral de Movilidad Humana", "PMH", OrganisationType.NationalNgo, null), Pending);
        var merged = OrganisationDetailsProjection.Apply(new OrganisationMerged("ilo", "Same"), Pending);

        Assert.Equal((false, "Pastoral de Movilidad Humana", OrganisationType.NationalNgo, Officer), (confirmed.IsPending, confirmed.Name, confirmed.Type, confirmed.ProposedBy));
        Assert.Equal((false, "ilo"), (merged.IsPending, merged.MergedIntoCode));
    }
}
