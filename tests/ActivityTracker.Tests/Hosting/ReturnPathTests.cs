using ActivityTracker.Access;

namespace ActivityTracker.Tests.Hosting;

[Trait("Category", "Security")]
public class ReturnPathTests
{
    [Theory]
    [InlineData("//evil.example/activities")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("evil.example")]
    [InlineData("/activities\r\nSet-Cookie: x=1")]
    [InlineData("")]
    [InlineData(null)]
    public void a_return_path_off_this_site_goes_home(string? path) => Assert.Equal("/", ReturnPath.LocalOrHome(path));

    [Theory]
    [InlineData("/")]
    [InlineData("/activities?page=2")]
    [InlineData("/dashboards/countries/MX#figures")]
    public void a_path_on_this_site_is_kept(string path) => Assert.Equal(path, ReturnPath.LocalOrHome(path));
}
