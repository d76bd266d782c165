using ActivityTracker.Access;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Access;

/// <summary>
/// Who may do what: every role and scope against every kind of endpoint, with exactly the
/// status the rules give. Each cell acts on a fresh activity (hosted in Mexico) in the state
/// the request needs, so cells do not depend on each other.
/// </summary>
public class AccessMatrixTests(AppFixture app) : ActivityTest(app)
{
    // The users of the matrix, by column.
    static readonly DemoUsers.Account? Anonymous = null;
    static readonly DemoUsers.Account?[] Users = [Anonymous, DemoUsers.OfficerMexico, DemoUsers.OfficerGuatemala, DemoUsers.Manager, DemoUsers.Admin, TestUsers.Nobody];

    // Duplicate: approved, then marked a duplicate of another fresh activity.
    public enum State { Draft, Submitted, Approved, Duplicate }

    /// <summary>In a body, stands for another fresh Mexican activity (the original a duplicate is marked against).</summary>
    const string Original = "{original}";

    /// <summary>In a path, stands for a fresh organisation an officer proposed (pending, at version 1).</summary>
    const string Proposal = "{organisation}";

    /// <summary>In a body's text, stands for words no other cell or user uses (a proposal's name must be new to the directory).</summary>
    const string Fresh = "{fresh}";

    public sealed record Cell(string Method, string Path, State State, object? Body, int[] Expected)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    // Expected status per user: anonymous, officer MX, officer GT, manager (all programmes), admin, no role/scope.
    public static TheoryData<Cell> Matrix => new()
    {
        new("GET", "/api/activities/{id}", State.Draft, null, [401, 200, 403, 200, 200, 403]),
        new("GET", "/api/activities/{id}/history", State.Draft, null, [401, 200, 403, 200, 200, 403]),
        new("GET", "/api/activities/{id}/likely-duplicates", State.Draft, null, [401, 200, 403, 200, 200, 403]),
        new("GET", "/api/activities", State.Draft, null, [401, 200, 200, 200, 200, 200]),
        new("POST", "/api/activities", State.Draft, MexicanMeeting(), [401, 201, 403, 403, 403, 403]),
        new("POST", "/api/activities/{id}/held", State.Draft, new { actualStart = "2026-11-20" }, [401, 200, 403, 403, 403, 403]),
        new("POST", "/api/activities/{id}/participants", State.Draft, new { participants = new { total = 12 } }, [401, 200, 403, 403, 403, 403]),
        new("POST", "/api/activities/{id}/corrections", State.Draft, new { correction = new { reason = "Typo" }, title = "Reunión corregida" }, [401, 200, 403, 403, 403, 403]),
        new("POST", "/api/activities/{id}/notes", State.Draft, new { text = "Visto" }, [401, 200, 403, 200, 403, 403]),
        new("POST", "/api/activities/{id}/submit", State.Draft, new { }, [401, 200, 403, 403, 403, 403]),
        new("POST", "/api/activities/{id}/cancel", State.Draft, new { reason = "Duplicate" }, [401, 200, 403, 403, 403, 403]),
        new("POST", "/api/activities/{id}/approve", State.Submitted, new { }, [401, 403, 403, 200, 403, 403]),
        new("POST", "/api/activities/{id}/send-back", State.Submitted, new { reason = "Add figures" }, [401, 403, 403, 200, 403, 403]),
        new("POST", "/api/activities/{id}/reopen", State.Approved, new { reason = "Late data" }, [401, 403, 403, 200, 403, 403]),
        new("POST", "/api/activities/{id}/mark-duplicate", State.Approved, new { originalId = Original, reason = "Same training" }, [401, 403, 403, 200, 403, 403]),
        new("POST", "/api/activities/{id}/remove-duplicate-mark", State.Duplicate, new { reason = "Two trainings" }, [401, 403, 403, 200, 403, 403]),
        // Dashboards answer every role, with the figures of what the user's scope covers.
        new("GET", "/api/dashboards/countries/MX", State.Draft, null, [401, 200, 200, 200, 200, 403]),
        new("GET", "/api/dashboards/programmes", State.Draft, null, [401, 200, 200, 200, 200, 403]),
        new("GET", "/api/programmes", State.Draft, null, [401, 200, 200, 200, 200, 200]),
        new("POST", "/api/programmes", State.Draft, new { code = "NEW-PROG", nameEn = "New", nameEs = "Nuevo", countries = new[] { "MX" } }, [401, 403, 403, 403, 201, 403]),
        new("POST", "/api/organisations", State.Draft, new { code = "new-org", name = "New organisation", type = "NationalNgo" }, [401, 403, 403, 403, 201, 403]),
        // Any officer proposes a partner (no scope: the directory is shared); only an administrator confirms it.
        new("POST", "/api/organisations/proposals", State.Draft, new { name = $"Proposed {Fresh}", type = "NationalNgo" }, [401, 201, 201, 403, 403, 403]),
        new("POST", $"/api/organisations/{Proposal}/confirm", State.Draft, new { }, [401, 403, 403, 403, 200, 403]),
        new("POST", "/api/activity-kinds", State.Draft, new { code = "workshop", nameEn = "Workshop", nameEs = "Taller" }, [401, 403, 403, 403, 201, 403]),
        new("POST", "/api/activity-kinds/meeting/rename", State.Draft, new { version = 1, nameEn = "Meeting or call", nameEs = "Reunión o llamada" }, [401, 403, 403, 403, 200, 403]),
        new("POST", "/api/activity-kinds/meeting/indicators", State.Draft, new { version = 1, indicators = new[] { "countries-represented", "people-trained" } }, [401, 403, 403, 403, 200, 403]),
        new("GET", "/api/activity-kinds", State.Draft, null, [401, 200, 200, 200, 200, 200]),
        new("GET", "/api/reference/activity-kinds", State.Draft, null, [401, 200, 200, 200, 200, 200]),
        // Breakdown dimensions: any signed-in user reads them (the log form offers them), administrators define and revise them.
        new("GET", "/api/breakdowns", State.Draft, null, [401, 200, 200, 200, 200, 200]),
        new("POST", "/api/breakdowns", State.Draft, new { code = "employer-size", nameEn = "Employer size", nameEs = "Tamaño del empleador", values = "List",
            categories = new[] { new { code = "small", nameEn = "Small", nameEs = "Pequeña" } } }, [401, 403, 403, 403, 201, 403]),
        new("POST", "/api/breakdowns/institution/revise", State.Draft, new { version = 1, nameEn = "Institution of origin" }, [401, 403, 403, 403, 200, 403]),
        new("GET", "/api/users", State.Draft, null, [401, 403, 403, 403, 200, 403]),
        new("GET", "/api/reference/countries", State.Draft, null, [401, 200, 200, 200, 200, 200]),
        new("GET", "/health/ready", State.Draft, null, [200, 200, 200, 200, 200, 200]),
        new("GET", "/openapi/v1.json", State.Draft, null, [200, 200, 200, 200, 200, 200]),
    };

    static object MexicanMeeting() => PlannedMeeting() with { Location = new ActivityTracker.Activities.LocationInput("MX", null, null, null, null) };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task each_role_and_scope_gets_exactly_the_expected_answer(Cell cell)
    {
        for (var i = 0; i < Users.Length; i++)
        {
            var id = await GivenActivityAsync(cell.State);
            var version = (await Host.ActivityAsync(id))!.Version;
            var original = cell.Path.EndsWith("/mark-duplicate", StringComparison.Ordinal) ? await GivenActivityAsync(State.Draft) : Guid.Empty;

            var proposal = cell.Path.Contains(Proposal) ? await GivenProposalAsync() : null;
            if (proposal is not null)
                version = 1;

            await App.ActAsAsync(Users[i]);
            var result = await Host.Scenario(s =>
            {
                var url = cell.Path.Replace("{id}", id.ToString()).Replace(Proposal, proposal);
                if (cell.Method == "GET")
                    s.Get.Url(url);
                else
                    // Commands on a record carry its version; the ones that create a record take none (an unknown field is 400).
                    s.Post.Json(cell.Path.Contains("{id}") || proposal is not null ? WithVersion(cell.Body!, version, original) : Freshened(cell.Body!)).ToUrl(url);
                s.IgnoreStatusCode();
            });

            var body = await result.ReadAsTextAsync();
            Assert.True(cell.Expected[i] == result.Context.Response.StatusCode,
                $"{cell} as {Users[i]?.Email ?? "anonymous"}: expected {cell.Expected[i]}, got {result.Context.Response.StatusCode}: {body}");
            // A refusal says why: a problem with a title and a detail, whether the role or the scope refused it.
            if (cell.Expected[i] == 403)
            {
                Assert.Equal("application/problem+json", result.Context.Response.ContentType);
                var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"{cell} as {Users[i]?.Email}: 403 with no title");
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"{cell} as {Users[i]?.Email}: 403 with no reason");
            }
        }
    }

    /// <summary>A fresh Mexican activity in <paramref name="state"/>, recorded and moved on by the test officer and manager.</summary>
    async Task<Guid> GivenActivityAsync(State state)
    {
        await App.ActAsAsync(TestUsers.Officer);
        var (id, version) = await Host.RecordAsync(PlannedMeeting() with { Location = new ActivityTracker.Activities.LocationInput("MX", null, null, null, null) });
        if (state >= State.Submitted)
            await Host.Scenario(s => s.Post.Json(new { version }).ToUrl($"/api/activities/{id}/submit"));
        if (state >= State.Approved)
        {
            await App.ActAsAsync(TestUsers.Manager);
            await Host.Scenario(s => s.Post.Json(new { version = version + 1 }).ToUrl($"/api/activities/{id}/approve"));
        }
        if (state == State.Duplicate)
        {
            var original = await GivenActivityAsync(State.Draft);
            await App.ActAsAsync(TestUsers.Manager);
            await Host.Scenario(s => s.Post.Json(new { version = version + 2, originalId = original, reason = "Same training" }).ToUrl($"/api/activities/{id}/mark-duplicate"));
        }
        await App.ActAsAsync(TestUsers.Admin);
        return id;
    }

    /// <summary>A fresh organisation proposed by the test officer: its code.</summary>
    async Task<string> GivenProposalAsync()
    {
        await App.ActAsAsync(TestUsers.Officer);
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(Freshened(new { name = $"Pending {Fresh}", type = "NationalNgo" })).ToUrl("/api/organisations/proposals");
            s.StatusCodeShouldBe(201);
        });
        return result.Context.Response.Headers.Location.ToString().Split('/')[^1];
    }

    static Dictionary<string, object?> Freshened(object body) =>
        System.Text.Json.JsonSerializer.SerializeToElement(body, AppJson.Options).EnumerateObject().ToDictionary(p => p.Name,
            p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? p.Value.GetString()!.Replace(Fresh, Guid.NewGuid().ToString("N")) : (object?)p.Value);

    static Dictionary<string, object?> WithVersion(object body, long version, Guid original)
    {
        var fields = System.Text.Json.JsonSerializer.SerializeToElement(body, AppJson.Options)
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String && p.Value.GetString() == Original ? original : (object?)p.Value);
        fields.TryAdd("version", version);
        return fields;
    }
}
