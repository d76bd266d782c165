using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActivityTracker.FaultTests.Infrastructure;
using ActivityTracker.Testing;

namespace ActivityTracker.FaultTests;

/// <summary>
/// Issue #9, 5: hostile input against every endpoint that takes a JSON body, as the OpenAPI
/// document lists them: 400 or 413 ProblemDetails naming the field, no stack trace, nothing
/// stored. Script and SQL that are valid text are stored verbatim and rendered escaped.
/// (Limits and 429 are covered by tests/ActivityTracker.Tests/Hosting/HardeningTests.cs.)
/// </summary>
[Collection(FaultCollection.Name), Trait("Category", "Fault")]
public class HostileInputTests(FaultFixture fault)
{
    const string Script = "<script>alert('xss')</script><img src=x onerror=alert(1)>";
    const string Sql = "'; DROP TABLE marten.mt_events; -- \" OR 1=1 --";

    /// <summary>Every POST and PUT with a JSON body, with its path parameters filled with records that exist.</summary>
    async Task<List<string>> JsonEndpointsAsync()
    {
        var activity = await fault.Api.RecordAsync(SampleActivities.Meeting("Hostile input target"));
        var users = await fault.Api.Client.GetStringAsync("api/users");
        var user = JsonNode.Parse(users)!.AsArray().Single(u => u!["email"]!.GetValue<string>() == FaultFixture.Email)!["id"]!.GetValue<string>();
        var document = await fault.Api.GetJsonAsync("openapi/v1.json");

        var endpoints = new List<string>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (method is not ("post" or "put") || operation!["requestBody"]?["content"]?["application/json"] is null)
                    continue;
                endpoints.Add($"{method.ToUpperInvariant()} " + path
                    .Replace("{id}", path.StartsWith("/api/users") ? user : activity.ToString())
                    .Replace("{code}", path.StartsWith("/api/programmes") ? "MESO-CARIB" : path.StartsWith("/api/organisations") ? "iom" : "jobfair-hired")
                    .Replace("{period}", "2019"));
            }
        // Self-registration is closed (accounts come from administrators) and no longer in the OpenAPI document: Identity maps the endpoint, the app answers 404 before reading anything.
        Assert.Equal(HttpStatusCode.NotFound, (await fault.Api.PostRawAsync("api/auth/register", "{}")).StatusCode);
        // Guards the discovery itself: the activity commands, the catalog, users and Identity's endpoints.
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} JSON endpoints found: {string.Join(", ", endpoints)}");
        Assert.DoesNotContain(endpoints, e => e.Contains('{'));
        return endpoints;
    }

    public static TheoryData<string, string, string> HostileBodies() => new()
    {
        // name, body, the field the 400 must name ("" when any field will do)
        { "malformed JSON", """{"version": 1, "text": """, "" },
        { "an array for an object", "[1, 2, 3]", "body" },
        { "a number for an object", "42", "body" },
        { "an unknown field", """{"noSuchField": "x"}""", "noSuchField" },
        { "nesting deeper than 64", "{\"deep\":" + new string('[', 70) + new string(']', 70) + "}", "body" },
        { "a NUL character", """{"text": "a\u0000b"}""", "text" },
        { "control characters", """{"reason": "\u0007\u001b[31m"}""", "reason" },
        { "a lone surrogate", """{"title": "\ud800"}""", "title" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task a_hostile_body_gets_400_naming_the_field_on_every_endpoint_and_stores_nothing(string name, string body, string field)
    {
        var endpoints = await JsonEndpointsAsync();
        var stored = await fault.Oracle.StoredRowsAsync();
        var failures = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1].TrimStart('/'));
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var answer = await Answer.ReadAsync(await fault.Api.Client.SendAsync(request));
            if (Problem(answer, HttpStatusCode.BadRequest) is { } wrong)
                failures.Add($"{endpoint}: {wrong}");
            else if (field.Length > 0 && JsonNode.Parse(answer.Body)!["errors"]?[field] is null)
                failures.Add($"{endpoint}: 400 without errors.{field}: {answer.Body}");
        }

        Assert.True(failures.Count == 0, $"{name}:\n{string.Join('\n', failures)}");
        Assert.Equal(stored, await fault.Oracle.StoredRowsAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task a_ten_megabyte_body_gets_413_on_every_endpoint_whether_its_length_is_declared_or_streamed(bool declared)
    {
        var endpoints = await JsonEndpointsAsync();
        var stored = await fault.Oracle.StoredRowsAsync();
        var huge = "{\"text\":\"" + new string('x', 10 * 1024 * 1024) + "\"}";
        var failures = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1].TrimStart('/'));
            // Over a raw connection: the server answers 413 and stops reading, and HttpClient, still
            // sending, would report only the reset and never show the answer.
            var answer = await RawPostAsync(method, path, huge, declared);
            if (Problem(answer, HttpStatusCode.RequestEntityTooLarge) is { } wrong)
                failures.Add($"{endpoint}: {wrong}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(stored, await fault.Oracle.StoredRowsAsync());
    }

    [Fact]
    public async Task a_huge_title_is_400_naming_it_and_stores_nothing()
    {
        var stored = await fault.Oracle.StoredRowsAsync();

        var answer = await Answer.ReadAsync(await fault.Api.PostAsync("api/activities", SampleActivities.Meeting(new string('t', 1_000_000))));

        Assert.Null(Problem(answer, HttpStatusCode.BadRequest));
        Assert.NotNull(JsonNode.Parse(answer.Body)!["errors"]?["title"]);
        Assert.Equal(stored, await fault.Oracle.StoredRowsAsync());
    }

    [Fact]
    public async Task script_and_sql_in_valid_text_are_stored_verbatim_and_rendered_escaped()
    {
        var title = $"{Script} {Sql}";
        var id = await fault.Api.RecordAsync(SampleActivities.Meeting(title));
        var version = await fault.Api.VersionOfAsync(id);
        var note = await fault.Api.PostAsync($"api/activities/{id}/notes", new { version, text = $"{Sql}\n{Script}" });
        Assert.Equal(HttpStatusCode.OK, note.StatusCode);

        // Verbatim through the API and in the event itself.
        var details = await fault.Api.GetJsonAsync($"api/activities/{id}");
        Assert.Equal(title, details["title"]!.GetValue<string>());
        Assert.Equal(title, await fault.Oracle.ScalarAsync<string>("select data->>'Title' from marten.mt_events where stream_id = $1 and type = 'activity_recorded'", id));
        Assert.Equal($"{Sql}\n{Script}", await fault.Oracle.ScalarAsync<string>("select data->>'Text' from marten.mt_events where stream_id = $1 and type = 'note_added'", id));
        Assert.True(await fault.Oracle.ScalarAsync<long>("select count(*) from marten.mt_events") > 0, "the SQL in the text ran");

        // Escaped in the case file page, as the browser receives it (signed in with Identity's cookie).
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = fault.App.BaseAddress };
        var login = await browser.PostAsync("api/auth/login?useCookies=true",
            new StringContent($$"""{"email":"{{FaultFixture.Email}}","password":"{{FaultFixture.Password}}"}""", Encoding.UTF8, "application/json"));
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var page = await browser.GetStringAsync($"activities/{id}");
        Assert.Contains("&lt;script&gt;alert(", page);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page);
        Assert.DoesNotContain("<script>alert(", page);
        Assert.DoesNotContain("<img src=x onerror", page);
    }

    /// <summary>Null when <paramref name="answer"/> is a ProblemDetails with <paramref name="status"/> and no trace of the server's internals; else what is wrong.</summary>
    static string? Problem(Answer answer, HttpStatusCode status)
    {
        if (answer.Status != status)
            return $"{(int)answer.Status} instead of {(int)status}: {Cut(answer.Body)}";
        if (answer.ContentType != "application/problem+json")
            return $"content type {answer.ContentType}: {Cut(answer.Body)}";
        if (JsonNode.Parse(answer.Body)?["status"]?.GetValue<int>() != (int)status)
            return $"no status {(int)status} in the body: {Cut(answer.Body)}";
        foreach (var leak in new[] { "   at ", ".cs:line", "Exception", "Npgsql", "ActivityTracker." })
            if (answer.Body.Contains(leak, StringComparison.Ordinal))
                return $"the body shows internals ({leak}): {Cut(answer.Body)}";
        return null;
    }

    static string Cut(string text) => text.Length > 400 ? text[..400] + "..." : text;

    /// <summary>
    /// Sends <paramref name="body"/> with a declared length or chunked (the server learns its size
    /// only by reading), keeps sending until the server stops reading, then reads the answer.
    /// </summary>
    async Task<Answer> RawPostAsync(string method, string path, string body, bool declared)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(fault.App.BaseAddress.Host, fault.App.BaseAddress.Port);
        var stream = tcp.GetStream();
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"{method} /{path} HTTP/1.1\r\nHost: {fault.App.BaseAddress.Authority}\r\nConnection: close\r\n" +
                   $"Authorization: {fault.Api.Client.DefaultRequestHeaders.Authorization}\r\nContent-Type: application/json\r\n" +
                   (declared ? $"Content-Length: {bytes.Length}\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
            {
                var piece = bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset));
                if (!declared)
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{piece.Length:X}\r\n"));
                await stream.WriteAsync(piece);
                if (!declared)
                    await stream.WriteAsync("\r\n"u8.ToArray());
            }
            if (!declared)
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // The server stopped reading: its answer is already on the way.
        }
        var response = new MemoryStream();
        try
        {
            await stream.CopyToAsync(response);
        }
        catch (IOException)
        {
        }
        var text = Encoding.UTF8.GetString(response.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no HTTP answer: {Cut(text)}");
        var headers = text[..split].Split("\r\n");
        var status = (HttpStatusCode)int.Parse(headers[0].Split(' ')[1]);
        var contentType = headers.FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Split(';')[0].Trim();
        var content = text[(split + 4)..];
        if (headers.Any(h => h.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
            content = Unchunk(content);
        return new Answer(status, contentType, content);
    }

    static string Unchunk(string chunked)
    {
        var text = new StringBuilder();
        var at = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..end], 16);
            if (size == 0)
                return text.ToString();
            text.Append(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
    }
}
