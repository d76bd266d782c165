using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.Exchange.Imports;
using ActivityTracker.Projections;
using Alba;
using Marten;

namespace ActivityTracker.Tests.Hosting;

/// <summary>
/// Issue #15, 5: a page on another port of the same host (same site, so SameSite=Lax sends the cookie)
/// must not make changes as the signed-in user. Cookie writes prove their origin (Origin,
/// Sec-Fetch-Site or an antiforgery token); bearer calls are unchanged.
/// </summary>
[Trait("Category", "Security")]
public partial class SameOriginWritesTests(AppFixture app) : AppTest(app)
{
    const string OtherPort = "http://localhost:5081";

    [Fact]
    public async Task a_cookie_import_from_another_origin_is_refused_and_nothing_is_recorded()
    {
        var cookie = await CookieAsync(TestUsers.Officer);
        var own = await OwnOriginAsync();

        var refused = await ImportAsync(cookie, ("Origin", OtherPort));
        Assert.Equal(403, refused.Context.Response.StatusCode);
        Assert.Contains("another site", await refused.ReadAsTextAsync());
        Assert.Equal(403, (await ImportAsync(cookie, ("Sec-Fetch-Site", "same-site"))).Context.Response.StatusCode);
        Assert.Equal(403, (await ImportAsync(cookie)).Context.Response.StatusCode);
        Assert.Equal(0, await CountAsync<ImportJob>());

        Assert.Equal(202, (await ImportAsync(cookie, ("Origin", own))).Context.Response.StatusCode);
        Assert.Equal(202, (await ImportAsync(cookie, ("Sec-Fetch-Site", "same-origin"))).Context.Response.StatusCode);
        await App.ActAsAsync(TestUsers.Officer);
        Assert.Equal(202, (await ImportAsync(null, ("Origin", OtherPort))).Context.Response.StatusCode);
        await WaitForImportsAsync(3);
    }

    [Fact]
    public async Task a_body_less_cookie_post_from_another_origin_starts_no_rebuild()
    {
        var cookie = await CookieAsync(TestUsers.Admin);

        var refused = await PostAsync(cookie, "/api/admin/projections/Dashboards/rebuild", ("Origin", OtherPort));

        Assert.Equal(403, refused.Context.Response.StatusCode);
        Assert.Equal(0, await CountAsync<ProjectionRebuild>());
        // From its own origin the request reaches the endpoint (an unknown projection: 404, nothing started either).
        Assert.Equal(404, (await PostAsync(cookie, "/api/admin/projections/NoSuchProjection/rebuild", ("Origin", await OwnOriginAsync()))).Context.Response.StatusCode);
    }

    [Fact]
    public async Task the_ui_s_sign_out_form_still_works_by_its_antiforgery_token_without_an_origin()
    {
        var cookie = await CookieAsync(TestUsers.Officer);
        var home = await Host.Scenario(s =>
        {
            s.Get.Url("/");
            s.WithRequestHeader("Cookie", cookie);
        });
        var token = FormToken().Match(await home.ReadAsTextAsync()).Groups[1].Value;
        var antiforgery = string.Join("; ", home.Context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));

        var forged = await Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string> { ["returnUrl"] = "/" }).ToUrl("/account/logout");
            s.WithRequestHeader("Cookie", $"{cookie}; {antiforgery}");
            s.IgnoreStatusCode();
        });
        var signedOut = await Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string> { ["returnUrl"] = "/", ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token) }).ToUrl("/account/logout");
            s.WithRequestHeader("Cookie", $"{cookie}; {antiforgery}");
            s.IgnoreStatusCode();
        });

        Assert.Equal(403, forged.Context.Response.StatusCode);
        Assert.Equal((302, "/account/login"), (signedOut.Context.Response.StatusCode, signedOut.Context.Response.Headers.Location.ToString()));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>Signs in with <c>useCookies=true</c>, as the browser does; the cookie to send back. Requests that follow carry no bearer token.</summary>
    async Task<string> CookieAsync(DemoUsers.Account account)
    {
        await App.ActAsAsync(null);
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { email = account.Email, password = TestUsers.Password }).ToUrl("/api/auth/login").QueryString("useCookies", "true");
            s.StatusCodeShouldBe(200);
        });
        return string.Join("; ", result.Context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
    }

    /// <summary>The test server's own scheme, host and port, as a browser would send them in <c>Origin</c>.</summary>
    async Task<string> OwnOriginAsync()
    {
        var result = await Host.Scenario(s => s.Get.Url("/health/live"));
        return $"{result.Context.Request.Scheme}://{result.Context.Request.Host}";
    }

    Task<IScenarioResult> ImportAsync(string? cookie, params (string Name, string Value)[] headers) => Host.Scenario(s =>
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("id,kind\r\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "forged.csv");
        s.Post.MultipartFormData(form).ToUrl("/api/imports");
        Send(s, cookie, headers);
    });

    Task<IScenarioResult> PostAsync(string cookie, string url, params (string Name, string Value)[] headers) => Host.Scenario(s =>
    {
        s.Post.Url(url);
        Send(s, cookie, headers);
    });

    static void Send(Scenario s, string? cookie, (string Name, string Value)[] headers)
    {
        if (cookie is not null)
            s.WithRequestHeader("Cookie", cookie);
        foreach (var (name, value) in headers)
            s.WithRequestHeader(name, value);
        s.IgnoreStatusCode();
    }

    async Task<int> CountAsync<T>() where T : notnull
    {
        await using var session = App.Store.QuerySession();
        return await session.Query<T>().CountAsync();
    }

    /// <summary>Lets the accepted imports finish, so none runs into the next test.</summary>
    async Task WaitForImportsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        await using var session = App.Store.QuerySession();
        while ((await session.Query<ImportJob>().ToListAsync()) is var jobs && (jobs.Count < count || jobs.Any(j => !j.IsFinished)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The imports are still running after a minute.");
            await Task.Delay(100);
        }
    }
}
