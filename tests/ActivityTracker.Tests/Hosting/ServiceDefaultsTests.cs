using Alba;

namespace ActivityTracker.Tests.Hosting;

public class ServiceDefaultsTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task liveness_answers_healthy()
    {
        var result = await Host.Scenario(s => s.Get.Url("/health/live"));

        Assert.Equal("Healthy", await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task readiness_answers_healthy_as_json_with_the_database_check()
    {
        var result = await Host.Scenario(s => s.Get.Url("/health/ready"));
        using var body = System.Text.Json.JsonDocument.Parse(await result.ReadAsTextAsync());

        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("entries").GetProperty("postgres").GetProperty("status").GetString());
    }

    [Fact]
    public async Task the_openapi_document_describes_the_activity_endpoints()
    {
        var result = await Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        var document = await result.ReadAsTextAsync();

        Assert.Contains("\"/api/activities\"", document);
        Assert.Contains("\"/api/activities/{id}\"", document);
        Assert.Contains("\"/api/dashboards/{dimension}/{key}\"", document);
        Assert.Contains("RecordActivity", document);
    }

    [Fact]
    public async Task the_scalar_api_reference_is_served()
    {
        var result = await Host.Scenario(s => s.Get.Url("/scalar/"));

        Assert.Contains("<script", await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task an_unknown_route_is_404()
    {
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/nothing-here");
            s.StatusCodeShouldBe(404);
        });
    }
}
