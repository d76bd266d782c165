using System.Text.Json;
using Alba;

namespace ActivityTracker.Tests.Hosting;

/// <summary>
/// Every command's OpenAPI entry lists its real answers, so a client knows them without reading the code: a success (2xx); one
/// that reads a body, 400 naming each bad field; one on a record named in its path, 404. Identity's own endpoints are left out.
/// </summary>
public class CommandAnswersDocumentTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task every_command_documents_its_success_and_its_refusals()
    {
        var result = await Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        using var document = JsonDocument.Parse(await result.ReadAsTextAsync());

        var missing = new List<string>();
        var commands = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/") && !p.Name.StartsWith("/api/auth/")))
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "post" or "put" or "patch" or "delete"))
            {
                commands++;
                var answers = operation.Value.TryGetProperty("responses", out var responses) ? responses.EnumerateObject().Select(a => a.Name).ToHashSet() : [];
                var lacking = new List<string>();
                if (!answers.Any(a => a.StartsWith('2')))
                    lacking.Add("a success");
                if (operation.Value.TryGetProperty("requestBody", out _) && !answers.Contains("400"))
                    lacking.Add("400");
                if (path.Name.Contains('{') && !answers.Contains("404"))
                    lacking.Add("404");
                if (lacking.Count > 0)
                    missing.Add($"{operation.Name.ToUpperInvariant()} {path.Name}: {string.Join(", ", lacking)}");
            }

        Assert.True(commands > 30, $"only {commands} commands in the document");
        Assert.True(missing.Count == 0, $"Commands without their answers in /openapi/v1.json:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");
    }
}
