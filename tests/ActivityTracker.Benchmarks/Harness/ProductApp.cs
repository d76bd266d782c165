using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.Users;

namespace ActivityTracker.Benchmarks.Harness;

/// <summary>
/// The product as it is deployed: a fresh database with the schema (<c>db-apply</c>) and the
/// reference streams (<c>seed</c>), an administrator (<c>add-admin</c>), and the app running,
/// with an officer and a manager of every programme signed in over HTTP.
/// </summary>
public sealed partial class ProductApp : IAsyncDisposable
{
    /// <summary>Every account's password (the administrator's, and the users it creates).</summary>
    public const string Password = "Bench-Pass-2026!";

    public required AppProcess Process { get; init; }
    public required string ConnectionString { get; init; }
    public required HttpClient Officer { get; init; }
    public required HttpClient Manager { get; init; }

    /// <summary>Prepares <paramref name="database"/> (dropped first) and starts the app on it.</summary>
    public static async Task<ProductApp> StartAsync(BenchContext context, string database) =>
        await StartOnAsync(context, await PrepareAsync(context, database), database);

    /// <summary>Starts the app on a database <see cref="PrepareAsync"/> made (and that may hold more data since); logs to <paramref name="logName"/>.</summary>
    public static async Task<ProductApp> StartOnAsync(BenchContext context, string connectionString, string logName)
    {
        var app = PublishedApp.Start(context.Options.AppDll, PublishedApp.Environment(connectionString), context.LogFile(logName));
        await app.WaitReadyAsync(TimeSpan.FromSeconds(60));
        var admin = await SignInAsync(app.BaseAddress, "admin@bench.local");
        // A database an earlier scenario's app ran on already has them (409): the same accounts, the same password.
        await CreateAsync(admin, "officer@bench.local", Roles.Officer, mayExist: true);
        await CreateAsync(admin, "manager@bench.local", Roles.Manager, mayExist: true);
        return await SignedInAsync(app, connectionString);
    }

    /// <summary>Another node of the same deployment: the app started on <paramref name="first"/>'s database, its accounts signed in on this node.</summary>
    public static async Task<ProductApp> JoinAsync(BenchContext context, ProductApp first, string logName)
    {
        var app = PublishedApp.Start(context.Options.AppDll, PublishedApp.Environment(first.ConnectionString), context.LogFile(logName));
        await app.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return await SignedInAsync(app, first.ConnectionString);
    }

    static async Task<ProductApp> SignedInAsync(AppProcess app, string connectionString) => new()
    {
        Process = app,
        ConnectionString = connectionString,
        Officer = await SignInAsync(app.BaseAddress, "officer@bench.local"),
        Manager = await SignInAsync(app.BaseAddress, "manager@bench.local"),
    };

    /// <summary>A fresh database with the app's schema, reference streams and an administrator, but no app running.</summary>
    public static async Task<string> PrepareAsync(BenchContext context, string database)
    {
        var connectionString = await context.Databases.FreshAsync(database);
        var environment = PublishedApp.Environment(connectionString);
        var log = context.LogFile(database);
        await PublishedApp.RunCommandAsync(context.Options.AppDll, environment, log, "db-apply");
        await PublishedApp.RunCommandAsync(context.Options.AppDll, environment, log, "seed");
        await PublishedApp.RunCommandAsync(context.Options.AppDll, new Dictionary<string, string>(environment) { [AddAdminCommand.PasswordVariable] = Password },
            log, "add-admin", "admin@bench.local");
        return connectionString;
    }

    /// <summary>An HTTP client of <paramref name="email"/>, with a bearer token from <c>/api/auth/login</c>.</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string email)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<Token>())!.AccessToken;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>
    /// An HTTP client of <paramref name="email"/> signed in as a browser is, for the UI's pages (which take no bearer
    /// token): the sign-in page's form posted with its antiforgery token and cookie; the authentication cookie it
    /// sets then goes with every request. Redirects are not followed, so a page that sends it back to sign in shows as a 302.
    /// </summary>
    public static async Task<HttpClient> SignInToPagesAsync(Uri baseAddress, string email)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var form = await http.GetStringAsync("/account/login");
        var token = FormToken().Match(form) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("the sign-in page has no antiforgery token");
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }));
        if ((int)response.StatusCode is < 300 or >= 400 || cookies.GetCookies(baseAddress)[AuthCookie] is null)
            throw new InvalidOperationException($"signing {email} in through the sign-in page: {(int)response.StatusCode}, no {AuthCookie} cookie");
        return http;
    }

    /// <summary>The UI's authentication cookie (Access/AccessConfiguration.cs).</summary>
    public const string AuthCookie = "ActivityTracker.Auth";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>A user of <paramref name="role"/> with the scope given, created by the administrator and signed in.</summary>
    public async Task<HttpClient> SignInNewUserAsync(string email, string role, string[] programmes, string[] countries)
    {
        using var admin = await SignInAsync(Process.BaseAddress, "admin@bench.local");
        await CreateAsync(admin, email, role, programmes, countries);
        return await SignInAsync(Process.BaseAddress, email);
    }

    static async Task CreateAsync(HttpClient admin, string email, string role, string[]? programmes = null, string[]? countries = null, bool mayExist = false)
    {
        var response = await admin.PostAsJsonAsync("/api/users", new CreateUser(email, Password, [role], programmes ?? [ScopeClaims.All], countries ?? []));
        if (!response.IsSuccessStatusCode && !(mayExist && response.StatusCode == System.Net.HttpStatusCode.Conflict))
            throw new InvalidOperationException($"creating {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    sealed record Token(string AccessToken);

    public async ValueTask DisposeAsync()
    {
        Officer.Dispose();
        Manager.Dispose();
        await Process.DisposeAsync();
    }
}
