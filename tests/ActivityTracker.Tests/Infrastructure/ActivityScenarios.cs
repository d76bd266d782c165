using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Breakdowns;
using ActivityTracker.Indicators;
using ActivityTracker.Organisations;
using ActivityTracker.Programmes;
using Alba;
using JasperFx.Events;

namespace ActivityTracker.Tests.Infrastructure;

/// <summary>Test data and steps shared by the activity tests.</summary>
public static class ActivityScenarios
{
    public static readonly DateOnly Today = TestClock.Today;

    /// <summary>A catalog for pure rule tests: the shipped code lists plus a few programmes, organisations, indicators and breakdown dimensions.</summary>
    public static Catalog TestCatalog { get; } = new(
        CodeLists.Shipped,
        new[] { Programme("MESO-CARIB", "MX", "GT", "CR"), Programme("AVR-CARAVANS", "MX", "GT") }.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase),
        new[]
        {
            Organisation("iom", OrganisationType.Multilateral),
            Organisation("tijuana-municipality", OrganisationType.LocalGovernment),
            Organisation("old-name", OrganisationType.NationalNgo) with { MergedIntoCode = "iom" },
            Organisation("inm", OrganisationType.Government),
        }.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase),
        new[]
        {
            Indicator("jobfair-hired", [Breakdown.Sex, Breakdown.Age, Breakdown.Country], "job-fair"),
            Indicator("jobfair-businesses", [], "job-fair"),
            Indicator("people-returned", [Breakdown.Sex, Breakdown.Age, Breakdown.Country], "assisted-voluntary-return"),
            Indicator("countries-represented", []),
        }.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase),
        CodeLists.Shipped.SeededKinds,
        new[]
        {
            // Which organisation people came from: participants and people hired.
            new BreakdownDimension(BreakdownDimension.IdFor("institution"), "institution", "Institution", "Institución", DimensionValues.Organisations, [],
                Participants: true, ["jobfair-hired"]),
            // A list of its own, for people hired only.
            new BreakdownDimension(BreakdownDimension.IdFor("employer-size"), "employer-size", "Employer size", "Tamaño del empleador", DimensionValues.List,
                [new("small", "Small", "Pequeño"), new("large", "Large", "Grande")], Participants: false, ["jobfair-hired"]),
        }.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase));

    static ProgrammeDetails Programme(string code, params string[] countries) =>
        new(ProgrammeDetails.IdFor(code), code, code, code, countries, []);

    internal static OrganisationDetails Organisation(string code, OrganisationType type) =>
        new(OrganisationDetails.IdFor(code), code, code, null, [], null, type, null);

    static IndicatorDefinition Indicator(string code, IReadOnlyList<Breakdown> breakdowns, params string[] kinds) =>
        new(IndicatorDefinition.IdFor(code), code, code, code, "people", AggregationRule.Sum, breakdowns, kinds);

    /// <summary>The Tijuana job fair of the source document, as an officer would record it once held.</summary>
    public static RecordActivity TijuanaJobFair() => new(
        Kind: "job-fair",
        Language: "en",
        Title: "Second Municipal Job Fair for people in migration contexts",
        Description: "Patio Central of the Municipal Palace of Tijuana.",
        ActualStart: new DateOnly(2019, 2, 27),
        ActualEnd: new DateOnly(2019, 2, 28),
        Location: new LocationInput("MX", "Baja California", "Tijuana", null, null),
        ProgrammeCode: "MESO-CARIB",
        SectorCode: "16020",
        Tags: ["labour-migration"],
        Participants: new ParticipantsInput(256),
        Outcomes: [new OutcomeInput("jobfair-hired", 33)],
        Partners: [new PartnerInput("iom", OrganisationRole.Implementing)]);

    /// <summary>A planned meeting with nothing reported yet.</summary>
    public static RecordActivity PlannedMeeting() => new(
        Kind: "meeting",
        Language: "es",
        Title: "Reunión de la red contra la trata",
        PlannedStart: new DateOnly(2027, 1, 20),
        PlannedEnd: new DateOnly(2027, 1, 21),
        Location: new LocationInput("GT", null, "Ciudad de Guatemala", null, null),
        ProgrammeCode: "MESO-CARIB",
        SectorCode: "15190");

    /// <summary>An activity's state after <paramref name="events"/>, folded as the app folds it.</summary>
    public static ActivityDetails Fold(params object[] events)
    {
        ActivityDetails? state = null;
        for (var i = 0; i < events.Length; i++)
        {
            var e = Event.AsEvent(events[i]);
            e.Version = i + 1;
            e.Timestamp = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(i);
            state = ActivityDetails.Fold(state, e);
        }
        return state ?? throw new InvalidOperationException("The events start no activity.");
    }

    /// <summary>The events a command decided; fails the test when it was not accepted.</summary>
    public static IReadOnlyList<object> Accepted(ActivityTracker.Decisions.Decision decision) =>
        Assert.IsType<ActivityTracker.Decisions.Decision.Accepted>(decision).Events;

    public static IEnumerable<string> InvalidFields(ActivityTracker.Decisions.Decision decision) =>
        Assert.IsType<ActivityTracker.Decisions.Decision.Invalid>(decision).Errors.ByField.Keys.Order();

    public static string Refusal(ActivityTracker.Decisions.Decision decision) =>
        Assert.IsType<ActivityTracker.Decisions.Decision.Refused>(decision).Reason;

    /// <summary>A recorded job fair's state (draft, held, with participants and one outcome).</summary>
    public static ActivityDetails RecordedJobFair() =>
        Fold(Accepted(TijuanaJobFair().Decide(Guid.CreateVersion7(), TestCatalog, Today)).ToArray());

    /// <summary>Every event in the store, to prove a rejected request appended nothing.</summary>
    public static async Task<int> CountEventsAsync(this AppFixture app)
    {
        await using var session = app.Store.QuerySession();
        return await Marten.QueryableExtensions.CountAsync(session.Events.QueryAllRawEvents());
    }
}
