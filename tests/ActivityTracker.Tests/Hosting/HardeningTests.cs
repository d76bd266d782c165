using ActivityTracker.Access;
using Alba;

namespace ActivityTracker.Tests.Hosting;

public class HardeningTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task every_response_carries_the_security_headers()
    {
        var result = await Host.Scenario(s => s.Get.Url("/health/live"));

        var headers = result.Context.Response.Headers;
        Assert.Equal("nosniff", headers.XContentTypeOptions);
        Assert.Equal("DENY", headers.XFrameOptions);
        Assert.Contains("frame-ancestors 'none'", headers.ContentSecurityPolicy.ToString());
        // A Blazor page gets that one policy, not a second one of Blazor's own.
        var page = await Host.Scenario(s => s.Get.Url("/account/login"));
        Assert.Equal(headers.ContentSecurityPolicy.ToString(), Assert.Single(page.Context.Response.Headers.ContentSecurityPolicy));
    }

    [Theory]
    [Trait("Category", "Security")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")] // was a 500: LocalRedirect threw on it
    [InlineData("https://evil.example/")]
    public async Task switching_language_never_sends_the_user_to_another_site(string redirect)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/culture?culture=es&redirect={Uri.EscapeDataString(redirect)}");
            s.StatusCodeShouldBe(302);
        });

        Assert.Equal("/", result.Context.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task a_body_over_the_limit_is_413_and_not_read()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Text(new string('x', 1024 * 1024 + 1)).ToUrl("/api/activities");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(413);
        });

        Assert.Contains("too large", await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task too_many_sign_ins_or_writes_get_429_with_retry_after()
    {
        await using var strict = await App.StartHostAsync(("Limits:SignInsPerMinute", "3"), ("Limits:WritesPerMinute", "2"));

        Task<IScenarioResult> SignIn() => strict.Scenario(s =>
        {
            s.Post.Json(new { email = "nobody@nowhere.test", password = "wrong" }).ToUrl("/api/auth/login");
            s.IgnoreStatusCode();
        });
        for (var i = 0; i < 3; i++)
            Assert.Equal(401, (await SignIn()).Context.Response.StatusCode);
        var refused = await SignIn();
        Assert.Equal(429, refused.Context.Response.StatusCode);
        Assert.True(int.Parse(refused.Context.Response.Headers.RetryAfter!) > 0);

        // Writes count per user: the third POST in the minute is refused before it is read.
        Task<IScenarioResult> Write() => strict.Scenario(s =>
        {
            s.Post.Json(new { }).ToUrl("/api/activities");
            s.IgnoreStatusCode();
        });
        Assert.Equal(401, (await Write()).Context.Response.StatusCode);
        Assert.Equal(401, (await Write()).Context.Response.StatusCode);
        Assert.Equal(429, (await Write()).Context.Response.StatusCode);
    }
}
