using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace ActivityTracker.BrowserTests;

/// <summary>
/// The dashboard pages on a phone (390 × 844), for a manager and an officer for Mexico, in English and Spanish:
/// each shows its figures, the page never scrolls sideways, wide tables scroll inside their own container,
/// nothing sticks out of the screen or is cut off, and nothing covers the page's heading.
/// Full-page screenshots go to <c>screenshots/phone/</c> (git-ignored) to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PhoneJourneys(BrowserFixture app, ITestOutputHelper output)
{
    const int Width = 390, Height = 844;

    /// <summary>A dashboard page: where it is, and what shows that its figures are there.</summary>
    sealed record Dashboard(string Name, string Path, Func<IPage, Task> ShowsFigures);

    static readonly Dashboard[] Dashboards =
    [
        new("home", "", page => ShowsNumberAsync(page.Locator("[data-testid=figures-all] [data-testid=activities]"))),
        new("countries", "countries", async page =>
        {
            await Expect(page.Locator("[data-testid=region-map]")).ToBeVisibleAsync();
            await ShowsNumberAsync(page.Locator("[data-testid=country-table] tbody tr td.figure-value").First);
        }),
        new("country-MX", "countries/MX", async page =>
        {
            // What Mexico hosted; what it took part in is a section of its own below.
            await Expect(page.Locator("[data-testid=hosted] [data-testid=figures-all] [data-testid=activities]")).ToHaveTextAsync("3");
            await Expect(page.Locator("[data-testid=hosted] [data-testid=trend]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=hosted] [data-testid=slice-activities] tbody tr")).ToHaveCountAsync(3);
            await Expect(page.Locator("[data-testid=taking-part]")).ToBeVisibleAsync();
        }),
        new("programmes", "programmes", page => ShowsNumberAsync(page.Locator("[data-testid=programme-table] tbody tr td.figure-value").First)),
        new("programme-MESO-CARIB", "programmes/MESO-CARIB", page => ShowsNumberAsync(page.Locator("[data-testid=figures-all] [data-testid=activities]"))),
        new("figures", "figures", page => ShowsNumberAsync(page.Locator("[data-testid=figures-table] tbody tr td.figure-value").First)),
        new("figures-month", "figures?dimension=month", page => ShowsNumberAsync(page.Locator("[data-testid=figures-table] tbody tr td.figure-value").First)),
        new("changes", "changes", page => ShowsNumberAsync(page.Locator("[data-testid=changes-figures] td.figure-value").Last)),
        new("periods", "periods", async page =>
        {
            // The page shows a period's figures once one is asked for: the seeded activities took place in 2019.
            await page.Locator("[data-testid=period]").FillAsync("2019");
            await page.Locator("[data-testid=show]").ClickAsync();
            await ShowsNumberAsync(page.Locator("[data-testid=current-activities]"));
        }),
    ];

    static async Task ShowsNumberAsync(ILocator figure)
    {
        await Expect(figure).ToBeVisibleAsync();
        await Expect(figure).ToHaveTextAsync(new Regex(@"^\s*\d[\d.,\s]*$"));
    }

    public static TheoryData<string, string> Readers() => new()
    {
        { "manager", "en-US" },
        { "officer-mx", "en-US" },
        { "manager", "es-ES" },
        { "officer-mx", "es-ES" },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task on_a_phone_every_dashboard_page_shows_its_figures_within_the_screen(string reader, string locale)
    {
        await using var context = await app.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(Width, Height);
        var account = reader == "manager" ? DemoUsers.Manager : DemoUsers.OfficerMexico;
        await BrowserFixture.SignInAsync(page, account);
        var folder = Path.Combine(BrowserFixture.ScreenshotDirectory, "phone");
        Directory.CreateDirectory(folder);

        var problems = new List<string>();
        foreach (var dashboard in Dashboards)
        {
            await page.GotoAsync(dashboard.Path);
            await BrowserFixture.WaitForInteractiveAsync(page);
            await dashboard.ShowsFigures(page);
            // The trend chart sizes itself to its box once the circuit runs.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{reader}-{locale}-{dashboard.Name}.png"), FullPage = true });

            var layout = await page.EvaluateAsync<Layout>(LayoutScript);
            foreach (var note in layout.Scrolling)
                output.WriteLine($"{reader} {locale} /{dashboard.Path}: {note}");
            problems.AddRange(layout.Problems.Select(p => $"/{dashboard.Path}: {p}"));
        }

        Assert.True(problems.Count == 0, $"{reader} in {locale} at {Width}×{Height}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

        // The app bar has room for "Sign out" but not for the name too: the name heads the drawer.
        await Expect(page.Locator("[data-testid=user-name]")).ToBeHiddenAsync();
        await Expect(page.Locator("header form button[type=submit]")).ToBeInViewportAsync(new() { Ratio = 1 });
        await page.Locator("header button[aria-label=menu]").ClickAsync();
        await Expect(page.Locator("[data-testid=drawer-user-name]")).ToHaveTextAsync(account.Email);
        await Expect(page.Locator("[data-testid=drawer-user-name]")).ToBeInViewportAsync(new() { Ratio = 1 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{reader}-{locale}-drawer.png") });
    }

    /// <summary>What <see cref="LayoutScript"/> found wrong, and which tables scroll inside their own box (fine, but worth knowing).</summary>
    internal sealed class Layout
    {
        public string[] Problems { get; set; } = [];
        public string[] Scrolling { get; set; } = [];
    }

    /// <summary>
    /// The page is no wider than the screen; every element of the app bar and of <c>main</c> is within the screen, or within a box
    /// that scrolls sideways and is itself within the screen; no text is clipped by a box that does not scroll;
    /// a table shown as cards names each value; the page's heading is not covered (by the navigation drawer, say).
    /// </summary>
    internal const string LayoutScript = """
        () => {
            const width = document.documentElement.clientWidth;
            const problems = [], scrolling = [];
            const name = el => {
                const id = el.closest('[data-testid]')?.dataset.testid;
                const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
                return `${el.tagName.toLowerCase()}${id ? ` in [data-testid=${id}]` : ''} "${text}"`;
            };
            const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
            // The nearest ancestor that clips sideways, below main's parent.
            const clipper = el => {
                for (let box = el.parentElement; box && box !== document.body; box = box.parentElement)
                    if (getComputedStyle(box).overflowX !== 'visible') return box;
                return null;
            };
            for (const root of [document.documentElement, document.body])
                if (root.scrollWidth > width) problems.push(`the page is ${root.scrollWidth}px wide (${root.tagName.toLowerCase()}), the screen ${width}px`);
            const reported = new Set();
            const report = (el, what) => {
                for (let a = el.parentElement; a; a = a.parentElement) if (reported.has(a)) return;
                reported.add(el);
                problems.push(`${name(el)} ${what}`);
            };
            for (const el of document.querySelectorAll('header.mud-appbar *, main *')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
                const clip = clipper(el);
                if (clip && scrolls(clip)) continue; // the scrolling box is itself checked as an element of main
                if (clip && el.closest('header, main').contains(clip)) {
                    // Clipped without a scrollbar: only text matters (MudBlazor clips ripples and icons on purpose).
                    const c = clip.getBoundingClientRect();
                    const ownText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                    if (ownText && (r.right > c.right + 1 || r.left < c.left - 1) && getComputedStyle(clip).textOverflow !== 'ellipsis')
                        report(el, `is cut off: ${Math.round(r.left)}–${Math.round(r.right)}px in a box of ${Math.round(c.left)}–${Math.round(c.right)}px`);
                    continue;
                }
                // What shows something (layout boxes such as MudGrid reach past the screen's edge by their negative margins).
                const shows = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
                    || el.matches('a, button, input, select, textarea, svg, img, canvas, table, form');
                if (shows && (r.right > width + 1 || r.left < -1))
                    report(el, `sticks out of the screen: ${Math.round(r.left)}–${Math.round(r.right)}px of ${width}px`);
            }
            // A MudTable shows its rows as cards on a phone: each value needs its column's name beside it.
            for (const cell of document.querySelectorAll('main .mud-xs-table td'))
                if (!cell.dataset.label && cell.textContent.trim() && !cell.querySelector('button'))
                    report(cell, 'is a value without its column\'s name (MudTd DataLabel)');
            for (const table of document.querySelectorAll('main table')) {
                const box = clipper(table);
                if (box && scrolls(box) && box.scrollWidth > box.clientWidth + 1)
                    scrolling.push(`${name(table)} scrolls in its box: ${table.scrollWidth}px in ${box.clientWidth}px`);
            }
            const heading = document.querySelector('main h1');
            if (heading) {
                const h = heading.getBoundingClientRect();
                const top = document.elementFromPoint(Math.min(h.left + 8, width - 1), h.top + h.height / 2);
                if (top && !heading.contains(top)) problems.push(`the heading is covered by ${name(top)}`);
            }
            return { problems, scrolling };
        }
        """;
}
