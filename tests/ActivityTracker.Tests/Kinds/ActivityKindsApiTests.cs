using ActivityTracker.Activities;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Dashboards;
using ActivityTracker.Indicators;
using ActivityTracker.Kinds.Adding;
using ActivityTracker.Kinds.Listing;
using ActivityTracker.Reference;
using ActivityTracker.Seeding;
using Alba;
using Marten;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Kinds;

/// <summary>Activity kinds over HTTP: administrators add and rename them and say which indicators apply; officers record them.</summary>
public class ActivityKindsApiTests(AppFixture app) : ActivityTest(app)
{
    static readonly object Workshop = new { code = "workshop", nameEn = "Workshop", nameEs = "Taller", indicators = new[] { "people-trained" } };

    static readonly Guid WorkshopId = ActivityKindDetails.IdFor("workshop");

    /// <summary>A workshop held in Mexico that trained 25 people.</summary>
    static RecordActivity HeldWorkshop(string kind = "workshop") => SampleActivities.Meeting("Workshop on labour rights", 30) with
    {
        Kind = kind,
        Outcomes = [new OutcomeInput("people-trained", 25)],
    };

    async Task AddWorkshopAsync()
    {
        await App.ActAsAsync(TestUsers.Admin);
        await Host.CreateAsync("/api/activity-kinds", Workshop);
    }

    [Fact]
    public async Task an_added_kind_is_recorded_by_officers_and_counts_under_the_indicators_chosen_for_it()
    {
        await App.ActAsAsync(TestUsers.Admin);
        var result = await Host.PostJsonAsync("/api/activity-kinds", Workshop, 201);

        Assert.Equal("/api/activity-kinds/workshop", result.Context.Response.Headers.Location.ToString());
        (await App.EventsOfAsync(WorkshopId)).ShouldBe(new ActivityKindAdded(WorkshopId, "workshop", "Workshop", "Taller"));
        var trained = (await App.LoadAsync<IndicatorDefinition>(IndicatorDefinition.IdFor("people-trained")))!;
        Assert.Equal(["training", "virtual-course", "workshop"], trained.Kinds);
        Assert.Equal(2, trained.Version);
        Assert.Equal(new NamedCode("workshop", "Workshop", "Taller"), (await Host.GetAsJson<NamedCode[]>("/api/reference/activity-kinds"))!.Last());
        var view = (await Host.GetAsJson<ActivityKindView>("/api/activity-kinds/WORKSHOP"))!;
        Assert.Equal(1, view.Version);
        Assert.Equal(["countries-represented", "people-trained"], view.Indicators);

        await App.ActAsAsync(TestUsers.Officer);
        var (id, _) = await Host.RecordAsync(HeldWorkshop());
        await App.WaitForProjectionsAsync();

        Assert.Equal("workshop", (await Host.ActivityAsync(id)).Kind);
        var dashboard = (await Host.GetAsJson<DashboardView>("/api/dashboards/kinds/workshop"))!;
        Assert.Equal(("Workshop", "Taller"), (dashboard.NameEn, dashboard.NameEs));
        Assert.Equal(25, Assert.Single(dashboard.AllReported.Outcomes, o => o.IndicatorCode == "people-trained").Value);
    }

    [Fact]
    public async Task a_renamed_kind_keeps_its_code_and_its_activities_show_the_new_names()
    {
        await AddWorkshopAsync();
        await App.ActAsAsync(TestUsers.Officer);
        var (id, _) = await Host.RecordAsync(HeldWorkshop());

        await App.ActAsAsync(TestUsers.Admin);
        var renamed = await Host.PostJsonAsync("/api/activity-kinds/workshop/rename", new { version = 1, nameEn = "Hands-on workshop", nameEs = "Taller práctico" }, 200);

        Assert.Equal(2, (await renamed.ReadAsJsonAsync<ActivityTracker.Commands.CommandAccepted>())!.Version);
        (await App.EventsOfAsync(WorkshopId)).ShouldBe(new ActivityKindAdded(WorkshopId, "workshop", "Workshop", "Taller"), new ActivityKindRenamed("Hands-on workshop", "Taller práctico"));
        Assert.Equal("workshop", (await Host.ActivityAsync(id)).Kind);
        var threeW = await (await Host.Scenario(s => s.Get.Url("/api/exports/3w-hxl.csv"))).ReadAsTextAsync();
        Assert.Contains("Hands-on workshop", threeW);
        await App.WaitForProjectionsAsync();
        Assert.Equal("Taller práctico", (await Host.GetAsJson<DashboardView>("/api/dashboards/kinds/workshop"))!.NameEs);
    }

    [Fact]
    public async Task an_officer_may_not_add_or_rename_a_kind_and_is_told_why()
    {
        var result = await Host.PostJsonAsync("/api/activity-kinds", Workshop, 403);

        var problem = await result.ProblemAsync();
        Assert.Contains(ActivityTracker.Access.Roles.Admin, problem.GetProperty("detail").GetString());
        await Host.PostJsonAsync("/api/activity-kinds/meeting/rename", new { version = 1, nameEn = "Call", nameEs = "Llamada" }, 403);
        Assert.Empty(await App.EventsOfAsync(WorkshopId));
    }

    [Fact]
    public async Task a_code_taken_answers_409_and_stores_nothing()
    {
        await AddWorkshopAsync();
        var before = await App.CountEventsAsync();

        var again = await Host.PostJsonAsync("/api/activity-kinds", new { code = "WorkShop", nameEn = "Another", nameEs = "Otro", indicators = new[] { "jobfair-hired" } }, 409);
        var shipped = await Host.PostJsonAsync("/api/activity-kinds", new { code = "meeting", nameEn = "Meeting", nameEs = "Reunión" }, 409);

        Assert.Contains("workshop", (await again.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Contains("meeting", (await shipped.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(before, await App.CountEventsAsync());
        Assert.Equal(["job-fair"], (await App.LoadAsync<IndicatorDefinition>(IndicatorDefinition.IdFor("jobfair-hired")))!.Kinds);
    }

    [Fact]
    public async Task bad_input_answers_400_naming_each_field_and_stores_nothing()
    {
        await App.ActAsAsync(TestUsers.Admin);
        var before = await App.CountEventsAsync();

        var added = await Host.PostJsonAsync("/api/activity-kinds", new { code = "Work shop", nameEn = "", nameEs = new string('n', 101), indicators = new[] { "picnics" } }, 400);
        var renamed = await Host.PostJsonAsync("/api/activity-kinds/meeting/rename", new { version = 1, nameEn = " " }, 400);
        var chosen = await Host.PostJsonAsync("/api/activity-kinds/job-fair/indicators", new { version = 1, indicators = new[] { "countries-represented" } }, 400);

        Assert.Equal(["code", "indicators", "nameEn", "nameEs"], await added.ErrorFieldsAsync());
        Assert.Equal(["nameEn", "nameEs"], await renamed.ErrorFieldsAsync());
        Assert.Equal(["indicators"], await chosen.ErrorFieldsAsync());
        Assert.Equal(before, await App.CountEventsAsync());
    }

    [Fact]
    public async Task a_spanish_request_is_answered_in_spanish()
    {
        await AddWorkshopAsync();

        var taken = await Host.Scenario(s =>
        {
            s.Post.Json(Workshop).ToUrl("/api/activity-kinds");
            s.WithRequestHeader("Accept-Language", "es");
            s.StatusCodeShouldBe(409);
        });
        var bad = await Host.Scenario(s =>
        {
            s.Post.Json(new { code = "workshop-2", nameEn = "Workshop", nameEs = "Taller", indicators = new[] { "picnics" } }).ToUrl("/api/activity-kinds");
            s.WithRequestHeader("Accept-Language", "es");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal("El tipo de actividad con el código «workshop» ya existe; los códigos son únicos y no distinguen mayúsculas de minúsculas.",
            (await taken.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal("'picnics' no es un indicador (consulte GET /api/indicators).",
            (await bad.ProblemAsync()).GetProperty("errors").GetProperty("indicators")[0].GetString());
    }

    [Fact]
    public async Task a_stale_rename_answers_409_with_the_current_version()
    {
        await AddWorkshopAsync();
        await Host.PostJsonAsync("/api/activity-kinds/workshop/rename", new { version = 1, nameEn = "Hands-on workshop", nameEs = "Taller práctico" }, 200);

        var stale = await Host.PostJsonAsync("/api/activity-kinds/workshop/rename", new { version = 1, nameEn = "Workshop", nameEs = "Taller" }, 409);

        Assert.Equal(2, (await stale.ProblemAsync()).GetProperty("currentVersion").GetInt64());
        await Host.PostJsonAsync("/api/activity-kinds/picnic/rename", new { version = 1, nameEn = "Picnic", nameEs = "Picnic" }, 404);
    }

    [Fact]
    public async Task choosing_the_indicators_of_a_kind_revises_them_together_and_an_officer_then_reports_them()
    {
        await App.ActAsAsync(TestUsers.Admin);

        await Host.PostJsonAsync("/api/activity-kinds/training/indicators", new { version = 1, indicators = new[] { "people-trained", "jobfair-hired" } }, 200);

        var training = (await Host.GetAsJson<ActivityKindView>("/api/activity-kinds/training"))!;
        Assert.Equal(["jobfair-hired", "people-trained"], training.Indicators);
        Assert.Equal(["job-fair", "training"], (await App.LoadAsync<IndicatorDefinition>(IndicatorDefinition.IdFor("jobfair-hired")))!.Kinds);
        var countries = (await App.LoadAsync<IndicatorDefinition>(IndicatorDefinition.IdFor("countries-represented")))!;
        Assert.Equal(CodeLists.Shipped.SeededKinds.Keys.Where(k => k != "training"), countries.Kinds);

        await App.ActAsAsync(TestUsers.Officer);
        var hired = HeldWorkshop("training") with { Outcomes = [new OutcomeInput("jobfair-hired", 4)] };
        await Host.RecordAsync(hired);
        var refused = await Host.PostJsonAsync("/api/activities", hired with { Outcomes = [new OutcomeInput("countries-represented", 4)] }, 400);
        Assert.Equal(["outcomes[0].indicatorCode"], await refused.ErrorFieldsAsync());
    }

    [Fact]
    public async Task a_kind_added_on_another_node_is_accepted_here_before_this_node_has_seen_it()
    {
        await using var other = await App.StartHostAsync();
        await using (var session = other.Services.GetRequiredService<IDocumentStore>().LightweightSession())
            await new AddActivityKind("signing", "Signing of an agreement", "Firma de un acuerdo").AddAsync(session, other.Services.GetRequiredService<ReferenceData>(), default);

        // This node's live list as it stood before: it believes it is current, so it will not read the kinds again by itself.
        var codes = Host.Services.GetRequiredService<ReferenceData>();
        await using (var reader = App.Store.QuerySession())
        {
            var versions = await reader.Query<ActivityKindDetails>().Select(k => k.Version).ToListAsync();
            codes.UseKinds(codes.SeededKinds.Values, new KindStoreState(versions.Count, versions.Sum()));
        }
        Assert.DoesNotContain("signing", codes.ActivityKinds.Keys);

        var (id, _) = await Host.RecordAsync(HeldWorkshop("signing") with { Outcomes = null });

        Assert.Equal("signing", (await Host.ActivityAsync(id)).Kind);
        await using var refresh = App.Store.QuerySession();
        await KindList.RefreshAsync(refresh, codes, default);
    }

    [Fact]
    public async Task every_node_sees_a_kind_added_elsewhere_without_a_restart()
    {
        await using var other = await App.StartHostAsync();
        await AddWorkshopAsync();

        // The other node polls every KindDirectory.Interval (2 s); the bound leaves room for a loaded machine.
        var theirs = other.Services.GetRequiredService<ReferenceData>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!theirs.ActivityKinds.ContainsKey("workshop") && waited.Elapsed < ActivityTracker.Kinds.KindDirectory.Interval * 10)
            await Task.Delay(100);

        Assert.True(theirs.ActivityKinds.ContainsKey("workshop"), $"not seen after {waited.Elapsed}");
        Assert.Equal("Taller", theirs.ActivityKinds["workshop"].NameEs);
    }

    [Fact]
    public async Task seeding_again_keeps_added_and_renamed_kinds()
    {
        await AddWorkshopAsync();
        await Host.PostJsonAsync("/api/activity-kinds/meeting/rename", new { version = 1, nameEn = "Meeting or call", nameEs = "Reunión o llamada" }, 200);

        Assert.Equal(0, await ReferenceStreams.ImportAsync(App.Store, SeedFile.DefaultDirectory));

        var kinds = (await Host.GetAsJson<ActivityKindView[]>("/api/activity-kinds"))!;
        Assert.Equal([.. CodeLists.Shipped.SeededKinds.Keys, "workshop"], kinds.Select(k => k.Code));
        Assert.Equal(("Meeting or call", 2L), (kinds[0].NameEn, kinds[0].Version));
    }
}
