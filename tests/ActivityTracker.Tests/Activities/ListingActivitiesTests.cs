using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Listing;
using Alba;
using Marten;
using Marten.Linq;
using Npgsql;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

public class ListingActivitiesTests(AppFixture app) : ActivityTest(app)
{
    static readonly DateTimeOffset Morning = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An activity recorded straight into the store at <paramref name="at"/> (so several can share an instant).</summary>
    async Task<Guid> RecordAtAsync(DateTimeOffset at, string title, string programme = "MESO-CARIB", string? host = "MX", params string[] participating)
    {
        var id = Guid.CreateVersion7();
        var date = new DateOnly(2026, 3, 2);
        await App.AppendAtAsync(id, at, TestUsers.Officer.Email, new ActivityRecorded(id, "meeting", "en", title, null, date, date,
            new Location(host, null, null, null, null), participating.Length > 0 ? participating : host is null ? [] : [host], programme, "15190", []));
        return id;
    }

    /// <summary>Every page from the top, following <c>next</c>; the pages' items in the order read.</summary>
    async Task<(List<ActivityPage> Pages, List<ActivityDetails> Items)> WalkAsync(int pageSize, Func<int, Task>? betweenPages = null)
    {
        var pages = new List<ActivityPage>();
        var page = (await Host.GetAsJson<ActivityPage>($"/api/activities?pageSize={pageSize}"))!;
        pages.Add(page);
        while (page.Next is { } next)
        {
            // A position that does not move past its page would loop for ever.
            Assert.True(pages.Count < 50, "the walk does not end: a page starts where the one before it did");
            if (betweenPages is not null)
                await betweenPages(pages.Count);
            page = (await Host.GetAsJson<ActivityPage>($"/api/activities?pageSize={pageSize}&after={Uri.EscapeDataString(next)}"))!;
            pages.Add(page);
        }
        return (pages, pages.SelectMany(p => p.Items).ToList());
    }

    [Fact]
    public async Task an_empty_store_lists_no_activities()
    {
        var page = await Host.GetAsJson<ActivityPage>("/api/activities");

        Assert.NotNull(page);
        Assert.Empty(page.Items);
        Assert.Equal((20, false, null, 1), (page.PageSize, page.HasMore, page.Next, page.Page));
        Assert.Null(page.TotalItems);
    }

    [Fact]
    public async Task page_numbers_still_work_and_the_total_comes_only_when_asked()
    {
        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++)
            ids.Add((await Host.RecordAsync(TijuanaJobFair() with { Title = $"Job fair {i}" })).Id);

        var first = (await Host.GetAsJson<ActivityPage>("/api/activities?page=1&pageSize=2&includeTotal=true"))!;
        var last = (await Host.GetAsJson<ActivityPage>("/api/activities?page=3&pageSize=2"))!;

        Assert.Equal((5L, 3L), (first.TotalItems, first.PageCount));
        Assert.Equal(["Job fair 5", "Job fair 4"], first.Items.Select(a => a.Title));
        Assert.True(first.HasMore);
        Assert.Equal(ids[0], Assert.Single(last.Items).Id);
        Assert.Equal((3, false, null, null, null), (last.Page, last.HasMore, last.Next, last.TotalItems, last.PageCount));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task following_next_returns_every_activity_once_newest_first_while_others_are_recorded(bool columnFilledByMigration)
    {
        // Ties on the instant (one import commits many at once) and instants finer than the database keeps
        // (a tick is a tenth of a microsecond): the id orders the ties, and the position is the stored microsecond.
        var older = new List<Guid>();
        for (var i = 0; i < 4; i++)
            older.Add(await RecordAtAsync(Morning, $"Tied {i}"));
        for (var i = 0; i < 5; i++)
            older.Add(await RecordAtAsync(Morning.AddMinutes(1).AddTicks(i * 3), $"Ticks {i}"));
        for (var i = 0; i < 4; i++)
            older.Add(await RecordAtAsync(Morning.AddHours(1).AddMinutes(i), $"Later {i}"));
        if (columnFilledByMigration)
        {
            // Marten writes the column truncating the ticks; a schema migration adding it fills it from the JSON,
            // rounding them: 6 and 9 ticks round up to the next microsecond.
            await using var connection = new NpgsqlConnection(App.ConnectionString);
            await connection.OpenAsync();
            await using var fill = new NpgsqlCommand("UPDATE marten.mt_doc_activitydetails SET recorded_at = CAST(data ->> 'RecordedAt' AS timestamptz)", connection);
            await fill.ExecuteNonQueryAsync();
        }
        var everything = (await Host.GetAsJson<ActivityPage>("/api/activities?pageSize=100"))!.Items;

        var recordedMeanwhile = new List<Guid>();
        var (pages, listed) = await WalkAsync(3, async _ =>
            recordedMeanwhile.Add((await Host.RecordAsync(TijuanaJobFair() with { Title = "Recorded between pages" })).Id));

        Assert.Equal(13, everything.Count);
        Assert.Equal(everything.Select(a => a.Id), listed.Select(a => a.Id));
        Assert.Equal(older.Order(), listed.Select(a => a.Id).Order());
        Assert.Equal(5, pages.Count);
        Assert.All(pages[..^1], p => Assert.True(p.HasMore && p.Items.Count == 3));
        Assert.Equal([1, null, null, null, null], pages.Select(p => p.Page));
        Assert.False(pages[^1].HasMore);
        // Newer than the first page, so not on a later one; the next walk from the top starts with them.
        Assert.Equal(4, recordedMeanwhile.Count);
        var top = (await Host.GetAsJson<ActivityPage>("/api/activities?pageSize=4"))!;
        Assert.Equal(recordedMeanwhile.AsEnumerable().Reverse(), top.Items.Select(a => a.Id));
    }

    [Fact]
    public async Task every_page_holds_only_what_the_scope_covers()
    {
        // Each round: in the Mexican officer's scope (MESO-CARIB and Mexico hosting or taking part) or out of it for one reason.
        for (var round = 0; round < 3; round++)
        {
            var at = Morning.AddHours(round);
            await RecordAtAsync(at.AddMinutes(1), "hosted in Mexico");
            await RecordAtAsync(at.AddMinutes(2), "Mexico takes part", host: "GT", participating: ["GT", "MX"]);
            await RecordAtAsync(at.AddMinutes(3), "Guatemala only", host: "GT");
            await RecordAtAsync(at.AddMinutes(4), "another programme", programme: "AVR-CARAVANS");
            await RecordAtAsync(at.AddMinutes(5), "regional with Mexico", host: null, participating: ["MX", "CR"]);
            await RecordAtAsync(at.AddMinutes(6), "regional without Mexico", host: null, participating: ["CR"]);
        }
        var all = (await Host.GetAsJson<ActivityPage>("/api/activities?pageSize=100"))!.Items;

        foreach (var account in new[] { TestUsers.ProgrammeOfficerMexico, DemoUsers.OfficerMexico, DemoUsers.OfficerGuatemala, TestUsers.ProgrammeOfficer, TestUsers.Nobody })
        {
            var scope = new AccessScope(new HashSet<string> { account.Role }, account.Programmes.ToHashSet(), account.Countries.ToHashSet());
            await App.ActAsAsync(account);

            var (pages, listed) = await WalkAsync(2);

            // The in-memory rule is the oracle: the walk is the scope's part of the whole list, in its order.
            Assert.Equal(all.Where(a => scope.Covers(a.ProgrammeCode, a.Location.CountryCode, a.ParticipatingCountries)).Select(a => a.Id), listed.Select(a => a.Id));
            Assert.All(pages, p => Assert.True(p.Items.Count <= 2));
        }
        await App.ActAsAsync(TestUsers.ProgrammeOfficerMexico);
        var mexican = (await Host.GetAsJson<ActivityPage>("/api/activities?pageSize=100&includeTotal=true"))!;
        Assert.Equal((9, 9L), (mexican.Items.Count, mexican.TotalItems));
        Assert.All(mexican.Items, a => Assert.Contains("Mexico", a.Title));
    }

    [Fact]
    public async Task a_page_is_read_off_an_index_without_sorting_or_scanning_the_table()
    {
        await RecordAtAsync(Morning, "one");
        var position = new ListPosition(Morning.AddDays(1), Guid.CreateVersion7());
        var manager = new AccessScope(new HashSet<string> { Roles.Manager }, new HashSet<string> { "*" }, new HashSet<string>());
        var mexican = new AccessScope(new HashSet<string> { Roles.Officer }, new HashSet<string> { "MESO-CARIB" }, new HashSet<string> { "MX" });
        await using var session = App.Store.QuerySession();
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        // Forbidding both makes PostgreSQL use them only when nothing else can answer: a plan that still sorts every
        // row or reads the whole table would do the same at 300,000 activities. (An incremental sort, of the ties of
        // one microsecond along the index, is fine.)
        await using (var settings = new NpgsqlCommand("SET enable_seqscan = off; SET enable_sort = off", connection))
            await settings.ExecuteNonQueryAsync();

        foreach (var scope in new[] { manager, mexican })
            foreach (var query in new[]
            {
                session.Query<ActivityDetails>().InScopeOf(scope),
                session.Query<ActivityDetails>().InScopeOf(scope).After(position),
                // The page's "only mine".
                session.Query<ActivityDetails>().InScopeOf(scope).Where(a => a.RecordedBy == TestUsers.Officer.Email).After(position),
            })
            {
                await using var explain = query.NewestFirst().Take(Paging.DefaultPageSize + 1).ToCommand(FetchType.FetchMany);
                explain.Connection = connection;
                explain.CommandText = "EXPLAIN (FORMAT JSON) " + explain.CommandText;
                var plan = (string)(await explain.ExecuteScalarAsync())!;

                Assert.DoesNotContain("\"Sort\"", plan);
                Assert.DoesNotContain("Seq Scan", plan);
                Assert.Contains("recorded_at", plan);
            }
    }

    [Theory]
    [InlineData("not-a-position")]
    [InlineData("")]
    [InlineData("AQ")]
    // A position's 25 bytes with another format byte, and with a time past any date.
    [InlineData("AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AX______________________________wA")]
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task a_position_that_the_list_did_not_give_is_400_naming_after(string after)
    {
        await Host.RecordAsync(TijuanaJobFair());

        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/activities?after={Uri.EscapeDataString(after)}");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal(["after"], await result.ErrorFieldsAsync());
    }

    [Fact]
    public async Task a_page_number_next_to_a_position_is_400_naming_the_page()
    {
        await RecordAtAsync(Morning, "one");
        await RecordAtAsync(Morning.AddMinutes(1), "two");
        var next = (await Host.GetAsJson<ActivityPage>("/api/activities?pageSize=1"))!.Next!;

        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/activities?page=2&after={Uri.EscapeDataString(next)}");
            s.StatusCodeShouldBe(400);
        });

        Assert.Equal(["page"], await result.ErrorFieldsAsync());
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

    [Theory]
    [InlineData("page=abc", "page")]
    [InlineData("includeTotal=perhaps", "includeTotal")]
    public async Task a_value_of_the_wrong_type_is_400(string query, string field)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/activities?{query}");
            s.StatusCodeShouldBe(400);
        });

        Assert.Contains(field, await result.ReadAsTextAsync());
    }
}
