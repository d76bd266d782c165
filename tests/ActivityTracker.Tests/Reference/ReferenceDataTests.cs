using ActivityTracker.Reference;

namespace ActivityTracker.Tests.Reference;

// The code lists are data files; these tests guard their shape, not their every entry.
public class ReferenceDataTests
{
    [Fact]
    public void every_iso_country_is_listed_with_english_and_spanish_names()
    {
        Assert.Equal(249, CodeLists.Shipped.Countries.Count);
        var dominicanRepublic = CodeLists.Shipped.Countries["do"];
        Assert.Equal(new Country("DO", "DOM", "214", "Dominican Republic", "República Dominicana"), dominicanRepublic);
        Assert.All(CodeLists.Shipped.Countries.Values, c =>
        {
            Assert.Matches("^[A-Z]{2}$", c.Alpha2);
            Assert.Matches("^[A-Z]{3}$", c.Alpha3);
            Assert.Matches("^[0-9]{3}$", c.Numeric);
            Assert.False(string.IsNullOrWhiteSpace(c.NameEs));
        });
    }

    [Fact]
    public void the_activity_kinds_cover_what_the_programme_reports()
    {
        Assert.Equal(
            ["meeting", "consultation", "congress", "training", "virtual-course", "job-fair", "assisted-voluntary-return", "survey", "launch", "publication", "campaign"],
            CodeLists.Shipped.ActivityKinds.Keys);
    }

    [Fact]
    public void sectors_are_dac_purpose_codes_and_themes_and_languages_are_listed()
    {
        Assert.All(CodeLists.Shipped.Sectors.Keys, code => Assert.Matches("^[0-9]{5}$", code));
        Assert.Contains("15190", CodeLists.Shipped.Sectors.Keys);
        Assert.Equal(["counter-trafficking", "labour-migration", "return-and-reintegration", "migration-governance", "health", "protection"], CodeLists.Shipped.Themes.Keys);
        Assert.Equal(["en", "es"], CodeLists.Shipped.Languages.Keys);
    }

    [Fact]
    public void a_missing_seed_folder_says_which_file_is_missing()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ReferenceData.Load("/nowhere"));

        Assert.Contains("countries.json", error.Message);
    }
}
