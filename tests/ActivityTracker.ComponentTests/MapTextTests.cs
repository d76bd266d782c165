using System.Collections;
using System.Globalization;
using System.Resources;
using ActivityTracker.Localization;

namespace ActivityTracker.ComponentTests;

public sealed class MapTextTests
{
    [Fact]
    public void every_text_of_the_map_and_the_dashboards_is_in_english_and_spanish()
    {
        var texts = new ResourceManager("ActivityTracker.Localization.MapText", typeof(MapText).Assembly);
        string[] Keys(string culture) => texts.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal).ToArray();

        var english = Keys("");
        Assert.NotEmpty(english);
        Assert.Equal(english, Keys("es"));
    }
}
