using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Reviewing;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Localization;

// The rules' messages come from Localization/RuleText(.es).resx in the current UI culture.
public partial class RuleTextTests
{
    static readonly Guid Id = Guid.CreateVersion7();

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    static Dictionary<string, string> Texts(CultureInfo culture)
    {
        var resources = new ResourceManager("ActivityTracker.Localization.RuleText", typeof(RuleText).Assembly);
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
                  ?? throw new InvalidOperationException($"No RuleText resources for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    static string[] Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Distinct().Order().ToArray();

    [Fact]
    public void every_message_has_a_spanish_text_with_the_same_placeholders()
    {
        var english = Texts(CultureInfo.InvariantCulture);
        var spanish = Texts(CultureInfo.GetCultureInfo("es"));

        Assert.Empty(english.Keys.Except(spanish.Keys));
        Assert.Empty(spanish.Keys.Except(english.Keys));
        Assert.All(english, e => Assert.Equal(Placeholders(e.Value), Placeholders(spanish[e.Key])));
    }

    [Fact]
    public void a_rule_speaks_the_current_ui_culture()
    {
        var untitled = PlannedMeeting() with { Title = " " };
        var recordedByAna = Fold([.. Accepted(PlannedMeeting().Decide(Id, TestCatalog, Today)), new SubmittedForReview(Id)])
            with
        { RecordedBy = "ana", SubmittedBy = "luis" };

        string[] Messages() =>
        [
            Assert.Single(Assert.IsType<Decision.Invalid>(untitled.Decide(Id, TestCatalog, Today)).Errors.ByField["title"]),
            Refusal(ApproveActivity.Decide(recordedByAna, "ana")),
        ];

        Assert.Equal(["El título es un dato obligatorio.", "Separación de funciones: quien registró o envió a revisión una actividad no puede aprobarla."],
            InCulture("es", Messages));
        Assert.Equal(["The title is required.", "Separation of duties: whoever recorded or submitted an activity cannot approve it."],
            InCulture("en", Messages));
    }

    static T InCulture<T>(string culture, Func<T> act)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return act();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
