using ActivityTracker.Organisations;

namespace ActivityTracker.Tests.Organisations;

// Finding a partner by what an officer types is a pure function of the directory: no host, no database.
public class OrganisationSearchTests
{
    static OrganisationDetails Organisation(string code, string name, string? acronym = null, params string[] aliases) =>
        new(OrganisationDetails.IdFor(code), code, name, acronym, aliases, null, OrganisationType.Government, null);

    static readonly OrganisationDetails[] Directory =
    [
        Organisation("ilo", "Organización Internacional del Trabajo", "OIT", "International Labour Organization"),
        Organisation("anti-exploitation", "Network against Labour Exploitation"),
        Organisation("iom", "International Organization for Migration", "IOM", "OIM", "Organización Internacional para las Migraciones"),
        Organisation("oitec", "Oitec Consultores", "OITEC"),
        Organisation("migracion-gt", "Instituto Guatemalteco de Migración", "I.G.M."),
        Organisation("stps-mx", "Secretaría del Trabajo y Previsión Social", "STPS"),
    ];

    static string Found(string typed) => string.Join(",", OrganisationSearch.Find(typed, Directory).Select(o => o.Code));

    [Fact]
    public void an_acronym_finds_its_organisation_first_and_never_a_word_it_hides_in()
    {
        // "Exploitation" holds "oit" but no word of it begins so; OIT's own acronym comes before OITEC's, which only begins with it.
        Assert.Equal("ilo,oitec", Found("OIT"));
        Assert.Equal("ilo,oitec", Found("oit"));
    }

    [Fact]
    public void accents_and_case_do_not_matter_either_way()
    {
        Assert.Equal("migracion-gt,iom", Found("MIGRACION")); // and IOM's Spanish name, "Migraciones"
        Assert.Equal("migracion-gt,iom", Found("migración"));
        Assert.Equal("stps-mx", Found("prevision"));
        Assert.Equal("stps-mx", Found("Secretaria"));
    }

    [Fact]
    public void every_word_typed_begins_a_word_of_the_name_or_of_one_alias()
    {
        Assert.Equal("stps-mx", Found("sec trab"));
        Assert.Equal("ilo", Found("labour org"));
        Assert.Equal("iom,ilo", Found("org inter"));
        Assert.Equal("", Found("trab migr"));
    }

    [Fact]
    public void an_acronym_written_with_dots_is_found_without_them_and_an_alias_is_an_acronym_like_any_other_word()
    {
        Assert.Equal("migracion-gt", Found("igm"));
        Assert.Equal("iom", Found("oim"));
    }

    [Fact]
    public void nothing_typed_lists_every_organisation_by_name()
    {
        Assert.Equal(Directory.OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).Select(o => o.Code), OrganisationSearch.Find("  ", Directory).Select(o => o.Code));
    }
}
