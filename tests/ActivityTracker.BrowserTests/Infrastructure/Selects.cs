using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ActivityTracker.BrowserTests.Infrastructure;

/// <summary>Picks options of MudSelects the way a user does, and waits until the app has taken the choice.</summary>
public static class Selects
{
    /// <summary>Picks the option named exactly <paramref name="option"/>.</summary>
    public static Task ChooseAsync(IPage page, string testId, string option, bool multiple = false, string? shows = null) =>
        ChooseAsync(page, testId, new Regex($"^{Regex.Escape(option)}$"), multiple, shows);

    /// <summary>
    /// Opens the select and picks the option whose name matches; a multiple choice stays open until Escape.
    /// A single choice returns once the select shows it: MudSelect closes its popover, awaits a call to the
    /// browser and only then sets its value, so a click or a fill made meanwhile reaches the server first
    /// (a save ran without the reason just chosen, on a slow CI machine).
    /// </summary>
    /// <param name="shows">What the closed select shows when it differs from the option's name.</param>
    public static async Task ChooseAsync(IPage page, string testId, Regex option, bool multiple = false, string? shows = null)
    {
        var select = page.Locator($"[data-testid={testId}]");
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = option }).ClickAsync();
        if (multiple)
        {
            await select.PressAsync("Escape");
            return;
        }
        // The closed select is an input (its value) or, when clearable, an element with the text.
        var shown = shows is null ? option.ToString() : $"^{Regex.Escape(shows)}$";
        await page.WaitForFunctionAsync("""
            ([testId, shown]) => {
                const select = document.querySelector(`[data-testid="${testId}"]`);
                const text = select?.tagName === 'INPUT' ? select.value : select?.textContent;
                return text != null && new RegExp(shown).test(text.trim());
            }
            """, new[] { testId, shown });
    }
}
