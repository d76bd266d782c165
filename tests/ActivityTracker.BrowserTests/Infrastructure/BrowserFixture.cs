using System.Reflection;
using ActivityTracker.Access;
using ActivityTracker.Reference;
using ActivityTracker.Seeding;
using ActivityTracker.Testing;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityTracker.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a random Kestrel port, on a database of its own seeded with the reference
/// streams, the ten demo activities and the demo accounts, and one headless Chromium (Debian's,
/// never a downloaded one). Shared by every test of the <see cref="BrowserCollection"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The Tijuana job fair of the demo data (its stream id is fixed in seeds/demo/activities.json).</summary>
    public static readonly Guid TijuanaJobFair = Guid.Parse("9c93ac4e-6fd6-4c9b-b402-68b3f1731b2f");

    public const string TijuanaJobFairTitle = "IOM promotes labor integration of migrants in Tijuana";

    /// <summary>The interviews of migrants from caravans in Chiapas (Mexico) of the demo data.</summary>
    public static readonly Guid ChiapasInterviews = Guid.Parse(DemoId("IOM interviews migrants from caravans in Chiapas"));

    static string DemoId(string title) => System.Text.Json.JsonDocument.Parse(string.Join('\n',
            File.ReadAllLines(ActivityTracker.Seeding.DemoActivities.DefaultFile).Where(l => !l.TrimStart().StartsWith("//"))))
        .RootElement.EnumerateArray().Single(a => a.GetProperty("title").GetString() == title).GetProperty("id").GetString()!;

    ScratchDatabase? _database;
    AppFactory? _app;
    IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public string BaseAddress { get; private set; } = "";

    /// <summary>The app's event store, for journeys that check what the page stored beyond what it shows.</summary>
    public IDocumentStore Store => _app!.Services.GetRequiredService<IDocumentStore>();

    /// <summary><c>screenshots/</c> in this project's folder (git-ignored).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(
        typeof(BrowserFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!,
        "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}: run `apt-get install -y chromium` (deploy/test.sh does it as root or with sudo), " +
                "or leave these tests out with --filter Category!=Browser.");
        // The browser starts while the app does.
        var browser = LaunchBrowserAsync();

        // A database of its own: the main tests, which run at the same time, wipe theirs between tests.
        _database = await ScratchDatabase.CreateAsync("browser_tests");
        var connectionString = _database.ConnectionString;

        JasperFxEnvironment.AutoStartHost = true;
        _app = new AppFactory(connectionString);
        _app.UseKestrel(0);
        _app.StartServer();
        BaseAddress = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/";

        var store = _app.Services.GetRequiredService<IDocumentStore>();
        await ReferenceStreams.ImportAsync(store, SeedFile.DefaultDirectory);
        await DemoActivities.ImportAsync(store, _app.Services.GetRequiredService<ReferenceData>(), DemoActivities.DefaultFile, TestClock.Today);
        await DemoUsers.EnsureAsync(_app.Services, DemoUsers.Password);
        // The dashboard home reads the async Dashboards projection.
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        Browser = await browser;
        // The first page of a cold server compiles a lot; later ones take a fraction of this.
        SetDefaultExpectTimeout(15_000);
        await WarmUpAsync();
    }

    /// <summary>
    /// One sign-in and the dashboard home it lands on, with room to take minutes: the first pages of a cold server compile
    /// its code as they go, beside three other suites doing the same on two cores in CI, and a fresh-clone run once saw the
    /// first test's sign-in wait past its 45 s for the home page to load.
    /// </summary>
    async Task WarmUpAsync()
    {
        await using var context = await NewContextAsync();
        context.SetDefaultTimeout(180_000);
        context.SetDefaultNavigationTimeout(180_000);
        await SignInAsync(await context.NewPageAsync(), DemoUsers.OfficerMexico);
    }

    async Task<IBrowser> LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) in <paramref name="locale"/>, which sets Accept-Language.</summary>
    public async Task<IBrowserContext> NewContextAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress,
            Locale = locale,
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        // A page load can wait behind four test assemblies sharing two cores in CI (the first sign-in
        // of a fixture also warms the app up): loads get longer than clicks and expectations.
        context.SetDefaultNavigationTimeout(45_000);
        return context;
    }

    /// <summary>Signs in through the sign-in form and waits until the page it lands on is interactive.</summary>
    public static async Task SignInAsync(IPage page, DemoUsers.Account account)
    {
        await page.GotoAsync("account/login");
        await page.Locator("#email").FillAsync(account.Email);
        await page.Locator("#password").FillAsync(DemoUsers.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await WaitForInteractiveAsync(page);
    }

    /// <summary>
    /// Waits until the Blazor circuit has taken over the prerendered page (the layout marks
    /// <c>main</c> with <c>data-interactive</c>): before that, clicks on menus do nothing.
    /// </summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("main[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Waits until Blazor's file input listens (its script's <c>init</c> marks the element): the layout can be interactive
    /// before the page's own file input is, and a file given before that is dropped without a word (seen once, under load).
    /// </summary>
    public static Task WaitForFileInputAsync(IPage page) =>
        page.WaitForFunctionAsync("() => [...document.querySelectorAll('input[type=file]')].some(e => e._blazorInputFileNextFileId !== undefined)");

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    /// <summary>The app as <c>Program</c> builds it, on the browser tests' database, in Development (demo accounts are allowed).</summary>
    sealed class AppFactory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Postgres", connectionString);
            // Every journey signs in from 127.0.0.1 through the sign-in page, which shares the per-address sign-in limit.
            builder.UseSetting("Limits:SignInsPerMinute", "100000");
        }
    }
}

/// <summary>Browser tests share the app and the browser; xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
