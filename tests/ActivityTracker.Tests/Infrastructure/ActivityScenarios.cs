using ActivityTracker.Activities.Recording;
using ActivityTracker.Reference;
using Alba;
using Wolverine.Http;

namespace ActivityTracker.Tests.Infrastructure;

/// <summary>Test data and HTTP steps shared by the activity tests.</summary>
public static class ActivityScenarios
{
    /// <summary>The code lists the app ships (seeds/reference), loaded the same way the app loads them.</summary>
    public static ReferenceData CodeLists { get; } = ReferenceData.Load(SeedFile.DefaultDirectory);

    /// <summary>The Tijuana job fair of the source document, as an officer would record it.</summary>
    public static RecordActivity TijuanaJobFair() => new(
        Kind: "job-fair",
        Title: "Second Municipal Job Fair for people in migration contexts",
        Description: "Patio Central of the Municipal Palace of Tijuana.",
        StartDate: new DateOnly(2019, 2, 27),
        EndDate: new DateOnly(2019, 2, 28),
        CountryCode: "MX",
        ProgrammeCode: "MESO-CARIB",
        ParticipantTotal: 256);

    public static async Task<Guid> RecordActivityAsync(this IAlbaHost host, RecordActivity command)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(command).ToUrl("/api/activities");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<CreationResponse<Guid>>())!.Value;
    }

    /// <summary>Every event in the store, to prove a rejected request appended nothing.</summary>
    public static async Task<int> CountEventsAsync(this AppFixture app)
    {
        await using var session = app.Store.QuerySession();
        return await Marten.QueryableExtensions.CountAsync(session.Events.QueryAllRawEvents());
    }
}
