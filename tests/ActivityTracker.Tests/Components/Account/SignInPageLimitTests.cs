using System.Text.RegularExpressions;
using Alba;

namespace ActivityTracker.Tests.Components.Account;

/// <summary>Issue #15, 6: the sign-in page's form shares the per-address limit of <c>/api/auth/login</c>.</summary>
[Trait("Category", "Security")]
public partial class SignInPageLimitTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task wrong_passwords_on_the_page_count_with_the_api_s_and_get_429_past_the_limit()
    {
        await App.ActAsAsync(null);
        await using var strict = await App.StartHostAsync(("Limits:SignInsPerMinute", "3"));
        // Showing the page is not an attempt.
        for (var i = 0; i < 5; i++)
            await strict.Scenario(s => s.Get.Url("/account/login"));

        Assert.Equal(200, await PageSignInAsync(strict));
        Assert.Equal(200, await PageSignInAsync(strict));
        await strict.Scenario(s =>
        {
            s.Post.Json(new { email = TestUsers.Officer.Email, password = "not-the-password" }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(401);
        });

        Assert.Equal(429, await PageSignInAsync(strict));
        await strict.Scenario(s =>
        {
            s.Post.Json(new { email = TestUsers.Officer.Email, password = TestUsers.Password }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(429);
        });
    }

    /// <summary>Posts the page's form as the browser does (its antiforgery token and cookie) with a wrong password.</summary>
    static async Task<int> PageSignInAsync(IAlbaHost host)
    {
        var page = await host.Scenario(s => s.Get.Url("/account/login"));
        var token = System.Net.WebUtility.HtmlDecode(FormToken().Match(await page.ReadAsTextAsync()).Groups[1].Value);
        var cookie = string.Join("; ", page.Context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
        var result = await host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string>
            {
                ["_handler"] = "sign-in",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = TestUsers.Officer.Email,
                ["Input.Password"] = "not-the-password",
            }).ToUrl("/account/login");
            s.WithRequestHeader("Cookie", cookie);
            s.IgnoreStatusCode();
        });
        if (result.Context.Response.StatusCode == 200)
            Assert.Contains("sign-in-error", await result.ReadAsTextAsync());
        return result.Context.Response.StatusCode;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
