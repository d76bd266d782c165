using Microsoft.Playwright;

namespace ActivityTracker.Benchmarks.Harness;

/// <summary>
/// Dashboard pages left open in a real browser, as users leave them (P11, P12): Debian's Chromium, headless, driven
/// by Playwright (never a downloaded browser, as the browser tests launch it), one user signed in through the
/// sign-in form, each page a tab with a Blazor circuit of its own that the app keeps live. Each page counts its
/// own re-renders: a refresh the app pushes reaches the browser as one render batch, applied in one go, which a
/// <c>MutationObserver</c> sees as one callback. A refresh whose figures did not change moves nothing on screen and
/// is not seen, so a cost divided by the refreshes seen errs high, never low.
/// </summary>
public sealed class DashboardPages : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>CI installs Debian's Chromium (deploy/test.sh) before the benchmarks; elsewhere the scenarios say they did not run.</summary>
    public static bool ChromiumMissing => !File.Exists(ChromiumPath);

    // Counts the callbacks, not the mutation records: one render batch is one callback whatever it changed.
    const string CountRenders = """
        () => {
            window.benchRenders = 0;
            new MutationObserver(() => window.benchRenders++).observe(document.body, { childList: true, characterData: true, subtree: true });
        }
        """;

    readonly IPlaywright _playwright;
    readonly IBrowser _browser;

    DashboardPages(IPlaywright playwright, IBrowser browser, IReadOnlyList<IPage> pages) => (_playwright, _browser, Pages) = (playwright, browser, pages);

    public IReadOnlyList<IPage> Pages { get; }

    /// <summary>
    /// Signs <paramref name="email"/> in and opens each of <paramref name="paths"/> (country pages) in a tab of its own,
    /// each interactive and showing its figures before this returns.
    /// </summary>
    public static async Task<DashboardPages> OpenAsync(Uri baseAddress, string email, IReadOnlyList<string> paths)
    {
        var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
            });
            var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } });
            // A shared 2-core machine with the app busy: loads are slow, not failed.
            context.SetDefaultTimeout(60_000);

            var pages = new List<IPage>();
            foreach (var path in paths)
            {
                var page = await context.NewPageAsync();
                if (pages.Count == 0)
                {
                    // Sign-in lands on the first page itself: landing on the home page would leave a circuit open
                    // that every write concerns, which is not one of the pages measured.
                    await page.GotoAsync($"account/login?returnUrl={Uri.EscapeDataString("/" + path.TrimStart('/'))}");
                    await page.Locator("#email").FillAsync(email);
                    await page.Locator("#password").FillAsync(ProductApp.Password);
                    await page.Locator("button[type=submit]").ClickAsync();
                    await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
                }
                else
                    await page.GotoAsync(path);
                // Interactive (the layout marks main once the circuit runs; browser tests wait for the same), with its figures read
                // (a country page shows two sets: what it hosted and what it took part in).
                await page.Locator("main[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await page.Locator("[data-testid=figures-all] [data-testid=activities]").First.WaitForAsync();
                await page.EvaluateAsync(CountRenders);
                pages.Add(page);
            }
            return new DashboardPages(playwright, browser, pages);
        }
        catch
        {
            if (browser is not null)
                await browser.CloseAsync();
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Re-renders seen so far, over every page.</summary>
    public async Task<int> RendersAsync()
    {
        var total = 0;
        foreach (var page in Pages)
            total += await page.EvaluateAsync<int>("() => window.benchRenders");
        return total;
    }

    /// <summary>What the browser says of its tabs' visibility (a hidden tab could be throttled), e.g. "visible 10".</summary>
    public async Task<string> VisibilityAsync() => string.Join(", ", (await Task.WhenAll(Pages.Select(p => p.EvaluateAsync<string>("() => document.visibilityState"))))
        .GroupBy(v => v).Select(g => $"{g.Key} {g.Count()}"));

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
