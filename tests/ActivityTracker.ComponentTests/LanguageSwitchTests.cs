using ActivityTracker.Components.Layout;
using MudBlazor;

namespace ActivityTracker.ComponentTests;

public sealed class LanguageSwitchTests : ComponentTest
{
    [Theory]
    [InlineData("en", "Language")]
    [InlineData("es", "Idioma")]
    public void offers_both_languages_and_comes_back_to_the_current_page(string culture, string label)
    {
        UseCulture(culture);
        NavigateTo("/activities?page=2");
        // The menu's items live in a popover, which the layout's MudPopoverProvider renders.
        var cut = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<LanguageSwitch>(1);
            b.CloseComponent();
        });

        var button = cut.Find("button.mud-menu-icon-button-activator");
        Assert.Equal(label, button.GetAttribute("aria-label"));
        button.Click();

        // The popover opens asynchronously: on a busy machine the links are not there yet right after the click.
        cut.WaitForAssertion(() => Assert.Equal(
            [
                ("English", "culture?culture=en&redirect=%2Factivities%3Fpage%3D2"),
                ("Español", "culture?culture=es&redirect=%2Factivities%3Fpage%3D2"),
            ],
            cut.FindAll("a[href^='culture']").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList()));
    }
}
