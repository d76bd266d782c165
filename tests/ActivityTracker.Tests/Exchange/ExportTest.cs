using ActivityTracker.Access;
using ActivityTracker.Seeding;
using Alba;
using CsvHelper;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Exchange;

/// <summary>Base of the export tests: the shipped programmes, organisations and indicators and the ten demo activities, read as a manager for everything.</summary>
public abstract class ExportTest(AppFixture app) : ActivityTest(app)
{
    /// <summary>The Tijuana job fair of the demo data.</summary>
    protected static readonly Guid Tijuana = Guid.Parse("9c93ac4e-6fd6-4c9b-b402-68b3f1731b2f");

    protected override DemoUsers.Account User => TestUsers.Manager;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DemoActivities.ImportAsync(App.Store, CodeLists.Shipped, DemoActivities.DefaultFile, Today);
    }

    /// <summary>GETs <paramref name="url"/> as the current user and checks the status.</summary>
    protected Task<IScenarioResult> Download(string url, int status = 200) => Host.Scenario(s =>
    {
        s.Get.Url(url);
        s.StatusCodeShouldBe(status);
    });

    protected async Task<T> As<T>(DemoUsers.Account? user, Func<Task<T>> act)
    {
        await App.ActAsAsync(user);
        try
        {
            return await act();
        }
        finally
        {
            await App.ActAsAsync(User);
        }
    }

    /// <summary>Every record of a CSV text, the header included, as the cells were written.</summary>
    protected static List<string[]> Records(string csv)
    {
        using var parser = new CsvParser(new StringReader(csv.TrimStart('\uFEFF')), System.Globalization.CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (parser.Read())
            records.Add(parser.Record!);
        return records;
    }

    protected async Task<List<string[]>> CsvAsync(string url, DemoUsers.Account? user = null) =>
        await As(user ?? User, async () => Records(await (await Download(url)).ReadAsTextAsync()));
}
