using ActivityTracker.Activities.Duplicates;

namespace ActivityTracker.Tests.Activities.Duplicates;

// When two reports look like one activity: pure functions, no database.
public class LikelyDuplicateRulesTests
{
    static readonly Guid First = Guid.NewGuid(), Second = Guid.NewGuid();

    static DuplicateProbe Training(Guid id, string title, string? country = "GT", int fromDay = 22, int toDay = 27, params string[] partners) =>
        new(id, "training", country, new DateOnly(2026, 5, fromDay), new DateOnly(2026, 5, toDay), title, partners);

    [Theory]
    [InlineData("word", "words", 0.571429)] // pg_trgm: select similarity('word', 'words')
    [InlineData("Capacitación a cónsules", "capacitacion a consules", 1.0)]
    [InlineData("Taller", "Feria de empleo", 0.0)]
    public void titles_are_compared_as_pg_trgm_compares_them(string a, string b, double expected) =>
        Assert.Equal(expected, TitleSimilarity.Of(a, b), 5);

    [Fact]
    public void the_same_training_reported_by_two_officers_is_a_likely_duplicate()
    {
        var found = LikelyDuplicates.Match(
            Training(First, "Capacitación sobre trata de personas para cónsules"),
            Training(Second, "Capacitacion a consules sobre trata de personas", fromDay: 27, toDay: 27));

        Assert.NotNull(found);
        Assert.Equal(Second, found.Id);
        Assert.True(found.SimilarTitle >= LikelyDuplicates.SimilarTitle, $"similarity {found.SimilarTitle}");
    }

    [Fact]
    public void a_partner_in_common_is_enough_when_the_titles_differ()
    {
        var found = LikelyDuplicates.Match(Training(First, "Taller regional", partners: ["iom", "svet-gt"]), Training(Second, "Curso para funcionarios", partners: ["svet-gt"]));

        Assert.NotNull(found);
        Assert.Null(found.SimilarTitle);
        Assert.Equal(["svet-gt"], found.SharedPartners);
    }

    [Fact]
    public void another_country_other_days_another_kind_or_no_dates_are_not_the_same_activity()
    {
        var probe = Training(First, "Capacitación a cónsules", partners: ["iom"]);
        var same = Training(Second, "Capacitación a cónsules", partners: ["iom"]);

        Assert.NotNull(LikelyDuplicates.Match(probe, same));
        Assert.Null(LikelyDuplicates.Match(probe, same with { Country = "HN" }));
        Assert.Null(LikelyDuplicates.Match(probe, same with { Country = null }));
        Assert.Null(LikelyDuplicates.Match(probe, same with { Start = new DateOnly(2026, 5, 28), End = new DateOnly(2026, 5, 29) }));
        Assert.Null(LikelyDuplicates.Match(probe, same with { Kind = "meeting" }));
        Assert.Null(LikelyDuplicates.Match(probe, same with { Start = null, End = null }));
        Assert.Null(LikelyDuplicates.Match(probe, probe));
        Assert.Null(LikelyDuplicates.Match(probe, Training(Second, "Feria de empleo", partners: ["cmc"])));
    }
}
