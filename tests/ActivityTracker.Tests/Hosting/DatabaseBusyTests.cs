using System.Globalization;
using System.Text.Json;
using ActivityTracker.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ActivityTracker.Tests.Hosting;

/// <summary>
/// A node whose database does not answer in time (its connection pool stayed taken, as at 200 dashboard reads a second on two
/// cores) answers 503 with Retry-After and says why in the request's language, not 500.
/// </summary>
public class DatabaseBusyTests(AppFixture app) : AppTest(app)
{
    // As Marten raises it: its command exception around Npgsql's, around the pool's timeout.
    static Exception PoolExhausted() => new InvalidOperationException("Marten Command Failure",
        new NpgsqlException("The connection pool has been exhausted", new TimeoutException("The operation has timed out.")));

    [Fact]
    public void a_database_that_did_not_answer_in_time_is_503_and_other_failures_keep_their_status()
    {
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, DatabaseBusy.StatusOf(PoolExhausted()));
        Assert.Equal(StatusCodes.Status500InternalServerError, DatabaseBusy.StatusOf(new NpgsqlException("syntax error")));
        Assert.Equal(StatusCodes.Status500InternalServerError, DatabaseBusy.StatusOf(new TimeoutException()));
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, DatabaseBusy.StatusOf(new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge)));
    }

    [Theory]
    [InlineData("en", "The server is busy", "Try again in 5 seconds.")]
    [InlineData("es", "El servidor está ocupado", "Vuelva a intentarlo en 5 segundos.")]
    public async Task the_app_s_problem_says_the_server_is_busy_and_when_to_try_again(string language, string title, string detailEnd)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            var http = new DefaultHttpContext { RequestServices = Host.Services };
            http.Response.Body = new MemoryStream();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            var problems = Host.Services.GetRequiredService<IProblemDetailsService>();

            Assert.True(await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http, Exception = PoolExhausted(), ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable },
            }));

            Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
            http.Response.Body.Position = 0;
            var body = await JsonDocument.ParseAsync(http.Response.Body);
            Assert.Equal(title, body.RootElement.GetProperty("title").GetString());
            Assert.EndsWith(detailEnd, body.RootElement.GetProperty("detail").GetString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
