using System.Text.Json;
using Alba;

namespace ActivityTracker.Tests.Hosting;

public class ReferenceApiDocumentTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("/api/programmes", "post", "Programmes")]
    [InlineData("/api/programmes", "get", "Programmes")]
    [InlineData("/api/programmes/{code}", "get", "Programmes")]
    [InlineData("/api/programmes/{code}/targets", "post", "Programmes")]
    [InlineData("/api/organisations", "post", "Organisations")]
    [InlineData("/api/organisations", "get", "Organisations")]
    [InlineData("/api/organisations/{code}", "get", "Organisations")]
    [InlineData("/api/organisations/{code}/aliases", "post", "Organisations")]
    [InlineData("/api/organisations/{code}/merge", "post", "Organisations")]
    [InlineData("/api/indicators", "post", "Indicators")]
    [InlineData("/api/indicators", "get", "Indicators")]
    [InlineData("/api/indicators/{code}", "get", "Indicators")]
    [InlineData("/api/indicators/{code}/revise", "post", "Indicators")]
    public async Task every_reference_endpoint_is_documented_under_its_tag_with_a_summary(string path, string method, string tag)
    {
        var result = await Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        using var document = JsonDocument.Parse(await result.ReadAsTextAsync());

        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.Equal([tag], operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
    }
}
