using ActivityTracker.Activities.Listing;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

public class ListingActivitiesTests(AppFixture app) : ActivityTest(app)
{
    [Fact]
    public async Task an_empty_store_lists_no_activities()
    {
        var page = await Host.GetAsJson<ActivityPage>("/api/activities");

        Assert.NotNull(page);
        Assert.Empty(page.Items);
        Assert.Equal((1, 20, 0, 0), (page.Page, page.PageSize, page.TotalItems, page.PageCount));
    }

    [Fact]
    public async Task activities_are_listed_newest_first_a_page_at_a_time()
    {
        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++)
            ids.Add((await Host.RecordActivityAsync(TijuanaJobFair() with { Title = $"Job fair {i}" })).Id);

        var first = (await Host.GetAsJson<ActivityPage>("/api/activities?page=1&pageSize=2"))!;
        var last = (await Host.GetAsJson<ActivityPage>("/api/activities?page=3&pageSize=2"))!;

        Assert.Equal((5L, 3L), (first.TotalItems, first.PageCount));
        Assert.Equal(["Job fair 5", "Job fair 4"], first.Items.Select(a => a.Title));
        Assert.Equal(ids[0], Assert.Single(last.Items).Id);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task out_of_range_paging_is_400_naming_the_parameter(string query, string field)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/activities?{query}");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal([field], await RecordingActivitiesTests.ErrorFieldsAsync(result));
    }

    [Fact]
    public async Task a_page_number_that_is_not_a_number_is_400()
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/api/activities?page=abc");
            s.StatusCodeShouldBe(400);
        });

        Assert.Contains("page", await result.ReadAsTextAsync());
    }
}
