using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActivityTracker.Testing;

namespace ActivityTracker.FaultTests.Infrastructure;

/// <summary>An HTTP client of the app process, signed in with a bearer token.</summary>
public sealed class Api(Uri baseAddress, string? token = null) : IDisposable
{
    /// <summary>The app's JSON: web defaults, enums as strings.</summary>
    readonly HttpClient _client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token) },
    };

    public HttpClient Client => _client;

    public static async Task<Api> SignInAsync(Uri baseAddress, string email, string password)
    {
        using var anonymous = new Api(baseAddress);
        var response = await anonymous._client.PostAsJsonAsync("api/auth/login", new { email, password }, AppJson.Options);
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        return new Api(baseAddress, token);
    }

    /// <summary>The same signed-in user on another node of the app: its bearer token, sent to <paramref name="node"/>.</summary>
    public Api On(Uri node) => new(node, token);

    public Task<HttpResponseMessage> PostAsync(string path, object body, string? idempotencyKey = null) =>
        PostRawAsync(path, JsonSerializer.Serialize(body, AppJson.Options), idempotencyKey);

    public async Task<HttpResponseMessage> PostRawAsync(string path, string body, string? idempotencyKey = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await _client.SendAsync(request);
    }

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        var response = await _client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Records an activity (201 expected) and answers its id.</summary>
    public async Task<Guid> RecordAsync(object command)
    {
        var response = await PostAsync("api/activities", command);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/activities: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["value"]!.GetValue<Guid>();
    }

    /// <summary>Uploads <paramref name="csv"/> as a bulk import (<c>POST /api/imports</c>) and answers the job's id.</summary>
    public async Task<Guid> ImportAsync(string csv)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "rows.csv");
        using var response = await _client.PostAsync("api/imports", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<Guid>();
    }

    /// <summary>Waits (polling) until import <paramref name="id"/> has finished, in <paramref name="state"/>; answers the job.</summary>
    public async Task<JsonObject> WaitForImportAsync(Guid id, string state, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var job = await GetJsonAsync($"api/imports/{id}");
            if (job["isFinished"]!.GetValue<bool>())
            {
                Assert.True(job["state"]!.GetValue<string>() == state, job.ToJsonString());
                return job;
            }
            Assert.True(DateTime.UtcNow < deadline, $"import {id} not finished in {within}: {job.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    public async Task<long> VersionOfAsync(Guid activity) => (await GetJsonAsync($"api/activities/{activity}"))["version"]!.GetValue<long>();

    public void Dispose() => _client.Dispose();
}
