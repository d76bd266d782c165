using ActivityTracker.Activities.Listing;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// Issue 15, item 10: page=21474838&pageSize=100 overflowed the rows to skip (an int): a 500. Every paged list now
// answers 400 naming the page, and the last reachable page still works.
[Trait("Category", "Security")]
public class PageOverflowTests(AppFixture app) : ActivityTest(app)
{
    [Theory]
    [InlineData("/api/activities?page=21474838&pageSize=100")]
    [InlineData("/api/activities?page=2147483647")]
    [InlineData("/api/imports/0199a8a0-0000-7000-8000-000000000000/problems?page=21474838&pageSize=100")]
    public async Task a_page_past_the_last_reachable_one_is_400_naming_the_page(string url)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal(["page"], await result.ErrorFieldsAsync());
    }

    [Fact]
    public async Task the_last_reachable_page_answers_200_and_is_empty()
    {
        await Host.RecordAsync(TijuanaJobFair());
        var last = int.MaxValue / 100;

        var page = (await Host.GetAsJson<ActivityPage>($"/api/activities?page={last}&pageSize=100"))!;

        Assert.Equal(last, page.Page);
        Assert.Empty(page.Items);
    }
}
