using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Commands;
using ActivityTracker.Dashboards;
using ActivityTracker.Indicators;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

/// <summary>
/// Base of the dashboard tests over HTTP: activities recorded by an officer for every programme,
/// reviewed by a manager, dashboards read (by default) as a manager who sees everything.
/// </summary>
public abstract class DashboardTest(AppFixture app) : ActivityTest(app)
{
    /// <summary>An indicator that follows the Latest rule; none is seeded, <see cref="DefineLatestIndicatorAsync"/> defines it.</summary>
    protected const string Stranded = "migrants-stranded";

    /// <summary>The stored catalog random histories are decided against: both test programmes and an indicator of each rule.</summary>
    protected async Task<Catalog> RandomHistoryCatalogAsync()
    {
        await DefineLatestIndicatorAsync();
        await using var session = App.Store.QuerySession();
        // The histories' breakdown dimension is the pure one: the projection reads no dimension, only the parts reported.
        return await Catalog.LoadAsync(session, CodeLists.Shipped, ["MESO-CARIB", "AVR-CARAVANS"], RandomHistories.Partners, RandomHistories.Indicators,
            CodeLists.Shipped.SeededKinds.Keys, [], default) with
        { Dimensions = RandomHistories.Dimensions };
    }

    /// <summary>Reads <c>/api/dashboards/{path}</c> as <paramref name="user"/> (a manager by default).</summary>
    protected Task<DashboardView> Dashboard(string path, DemoUsers.Account? user = null) =>
        As(user ?? TestUsers.Manager, async () => (await Host.GetAsJson<DashboardView>($"/api/dashboards/{path}"))!);

    protected Task<DashboardView[]> Dashboards(string path, DemoUsers.Account? user = null) =>
        As(user ?? TestUsers.Manager, async () => (await Host.GetAsJson<DashboardView[]>($"/api/dashboards/{path}"))!);

    protected Task<Contribution[]> Provenance(string path, DemoUsers.Account? user = null) =>
        As(user ?? TestUsers.Manager, async () => (await Host.GetAsJson<Contribution[]>($"/api/dashboards/{path}"))!);

    /// <summary>The answer's status code and body for a request expected to fail.</summary>
    protected Task<IScenarioResult> Refused(string path, int status) => As(TestUsers.Manager, () => Host.Scenario(s =>
    {
        s.Get.Url($"/api/dashboards/{path}");
        s.StatusCodeShouldBe(status);
    }));

    protected async Task<T> As<T>(DemoUsers.Account user, Func<Task<T>> act)
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

    /// <summary>Sends a command on an activity (as the officer unless <paramref name="user"/> says otherwise) and answers the new version.</summary>
    protected Task<long> Send(Guid id, string action, object body, DemoUsers.Account? user = null) => As(user ?? TestUsers.Officer, async () =>
        (await (await Host.SendAsync(id, action, body)).ReadAsJsonAsync<CommandAccepted>())!.Version);

    /// <summary>Submitted by the officer, approved by the manager.</summary>
    protected async Task<long> Approve(Guid id, long version)
    {
        version = await Send(id, "submit", new { version });
        return await Send(id, "approve", new { version }, TestUsers.Manager);
    }

    /// <summary>Defines <see cref="Stranded"/>, a running total reported by any kind of activity (Latest rule).</summary>
    protected Task DefineLatestIndicatorAsync() => As(TestUsers.Admin, () => Host.CreateAsync("/api/indicators", new
    {
        code = Stranded, nameEn = "Migrants stranded (running count)", nameEs = "Personas migrantes varadas (conteo)", unit = "people",
        aggregation = AggregationRule.Latest, breakdowns = Array.Empty<Breakdown>(), kinds = Array.Empty<string>(),
    }));

    /// <summary>The sequence numbers of the events of stream <paramref name="id"/> of type <typeparamref name="T"/>, oldest first.</summary>
    protected async Task<IReadOnlyList<long>> SequencesOf<T>(Guid id)
    {
        await using var session = App.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Where(e => e.Data is T).Select(e => e.Sequence).ToList();
    }

    /// <summary>
    /// An activity held on <paramref name="date"/> (undated when null) in <paramref name="country"/>
    /// (regional when null), with what the test names and nothing else reported.
    /// </summary>
    protected static RecordActivity Held(string kind, string? country, DateOnly? date, string programme = "MESO-CARIB",
        int? participants = null, string? place = null, params OutcomeInput[] outcomes) =>
        TijuanaJobFair() with
        {
            Kind = kind,
            Title = $"{kind} in {country ?? "the region"} on {date:yyyy-MM-dd}",
            ActualStart = date,
            ActualEnd = date,
            Location = country is null ? null : new LocationInput(country, null, place, null, null),
            ProgrammeCode = programme,
            Participants = participants is { } total ? new ParticipantsInput(total) : null,
            Outcomes = outcomes,
            Partners = null,
        };

    protected static DateOnly Day(int year, int month, int day) => new(year, month, day);

    /// <summary>A partner an activity names, implementing unless <paramref name="role"/> says otherwise.</summary>
    protected static PartnerInput Partner(string code, OrganisationRole role = OrganisationRole.Implementing) => new(code, role);
}
