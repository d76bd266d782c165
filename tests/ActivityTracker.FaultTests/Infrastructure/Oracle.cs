using Npgsql;

namespace ActivityTracker.FaultTests.Infrastructure;

/// <summary>
/// What the read models must say, computed with plain SQL from the events in
/// <c>marten.mt_events</c> alone (no app code: an error in the projection's fold cannot hide in
/// the oracle), and the differences from what is stored. Every list it answers is empty when all is well.
/// </summary>
public sealed class Oracle(string connectionString)
{
    /// <summary>Per activity: host country, programme, the latest participants total, cancelled or not, event count and notes, from the events.</summary>
    const string Facts = """
        with recorded as (
            select stream_id, coalesce(data->'Location'->>'CountryCode', 'regional') as country, data->>'ProgrammeCode' as programme
            from marten.mt_events where type = 'activity_recorded'),
        participants as (
            select distinct on (stream_id) stream_id, (data->>'Total')::bigint as total
            from marten.mt_events where type = 'participants_reported' order by stream_id, version desc),
        lifecycle as (
            select distinct on (stream_id) stream_id, type = 'activity_cancelled' as cancelled
            from marten.mt_events where type in ('activity_cancelled', 'activity_reopened') order by stream_id, version desc),
        counts as (
            select stream_id, max(version) as version, count(*) filter (where type = 'note_added') as notes
            from marten.mt_events group by stream_id),
        facts as (
            select r.stream_id, r.country, r.programme, p.total, coalesce(l.cancelled, false) as cancelled, c.version, c.notes
            from recorded r left join participants p using (stream_id) left join lifecycle l using (stream_id) join counts c using (stream_id))
        """;

    /// <summary>
    /// Streams whose versions are not exactly 1..n, once each, with <c>mt_streams.version</c> = n.
    /// Marten's tombstone streams are left out: when a unit of work fails (a writer that lost a race,
    /// 409), Marten writes a stream row of no type at version 0, and <c>tombstone</c> events for any
    /// sequence numbers it drew, so the daemon need not wait for the gap (Marten #5688). No client
    /// was told anything was stored there.
    /// </summary>
    public Task<List<string>> StreamGapsAsync() => ListAsync("""
        select s.id::text || ' (' || coalesce(s.type, 'no type') || ', created ' || s.created || '): ' || coalesce(e.n, 0) || ' events, versions ' || coalesce(e.lo, 0) || '..' || coalesce(e.hi, 0)
               || ' (' || coalesce(e.distinct_versions, 0) || ' distinct), stream version ' || s.version
        from marten.mt_streams s
        left join (select stream_id, count(*) as n, min(version) as lo, max(version) as hi, count(distinct version) as distinct_versions
                   from marten.mt_events group by stream_id) e on e.stream_id = s.id
        where (e.n is null or e.lo <> 1 or e.hi <> e.n or e.distinct_versions <> e.n or s.version <> e.hi)
          and not (s.type is null and s.version = 0
                   and not exists (select 1 from marten.mt_events t where t.stream_id = s.id and t.type <> 'tombstone'))
        """);

    /// <summary>Activities whose inline case file (<c>ActivityDetails</c>) differs from its events: version, participants, cancelled, notes; or is missing or extra.</summary>
    public Task<List<string>> ActivityDetailsDifferencesAsync() => ListAsync(Facts + """
        select coalesce(f.stream_id, d.id)::text || ': events say version ' || coalesce(f.version::text, '-') || ', participants ' || coalesce(f.total::text, 'none')
               || ', cancelled ' || coalesce(f.cancelled::text, '-') || ', notes ' || coalesce(f.notes::text, '-')
               || '; stored ' || coalesce(d.data->>'Version', '-') || ', ' || coalesce(d.data->'Participants'->>'Total', 'none')
               || ', ' || coalesce(d.data->>'IsCancelled', '-') || ', ' || coalesce(jsonb_array_length(d.data->'Notes')::text, '-')
        from facts f full join marten.mt_doc_activitydetails d on d.id = f.stream_id
        where f.stream_id is null or d.id is null
           or (d.data->>'Version')::bigint <> f.version
           or (d.data->'Participants'->>'Total')::bigint is distinct from f.total
           or (d.data->>'IsCancelled')::boolean <> f.cancelled
           or jsonb_array_length(d.data->'Notes') <> f.notes
        """);

    /// <summary>Per country and programme slice id (<c>country:MX</c>, <c>programme:MESO-CARIB</c>): activities and participants, cancelled ones left out.</summary>
    const string Totals = Facts + """
        , oracle as (
            select 'country:' || country as id, count(*) filter (where not cancelled) as activities,
                   coalesce(sum(total) filter (where not cancelled), 0) as participants from facts group by country
            union all
            select 'programme:' || programme, count(*) filter (where not cancelled),
                   coalesce(sum(total) filter (where not cancelled), 0) from facts group by programme)
        """;

    /// <summary>What the country and programme dashboards must show, from the events alone: slice id to "activities/participants".</summary>
    public async Task<Dictionary<string, string>> TotalsAsync() =>
        (await ListAsync(Totals + " select id || '=' || activities || '/' || participants from oracle"))
        .Select(r => r.Split('=', 2)).ToDictionary(r => r[0], r => r[1]);

    /// <summary>
    /// Country and programme slices of the Dashboards projection whose all-reported activity count
    /// or participants sum differs from the events (cancelled activities count in neither), or that are missing or extra.
    /// </summary>
    public Task<List<string>> DashboardDifferencesAsync() => ListAsync(Totals + """
        , stored as (
            select id, (data->'AllReported'->>'Activities')::bigint as activities, (data->'AllReported'->>'Participants')::bigint as participants
            from marten.mt_doc_dashboardslice where data->>'Dimension' in ('country', 'programme'))
        select coalesce(o.id, s.id) || ': events say ' || coalesce(o.activities::text, 'no slice') || ' activities, ' || coalesce(o.participants::text, '-')
               || ' participants; stored ' || coalesce(s.activities::text, 'no slice') || ', ' || coalesce(s.participants::text, '-')
        from oracle o full join stored s on s.id = o.id
        where o.id is null or s.id is null or o.activities <> s.activities or o.participants <> s.participants
        union all
        select 'reported activities: events say ' || (select count(*) from facts) || ', stored ' || (select count(*) from marten.mt_doc_reportedactivity)
        where (select count(*) from facts) <> (select count(*) from marten.mt_doc_reportedactivity)
        """);

    /// <summary>
    /// The oracle reads a country and programme from <c>ActivityRecorded</c> alone; a correction
    /// could move an activity, so the tests that use it must not correct (this proves they do not).
    /// </summary>
    public async Task AssertNoRelocationsAsync() =>
        Assert.Equal(0, await ScalarAsync<long>("select count(*) from marten.mt_events where type = 'details_corrected'"));

    /// <summary>All three comparisons; fails naming every difference.</summary>
    public async Task AssertReadModelsMatchEventsAsync()
    {
        await AssertNoRelocationsAsync();
        None(await StreamGapsAsync(), "streams with a version gap");
        None(await ActivityDetailsDifferencesAsync(), "case files that differ from their events");
        None(await DashboardDifferencesAsync(), "dashboard slices that differ from the events");
    }

    /// <summary>Fails listing every row of <paramref name="rows"/> (xunit's Assert.Empty cuts them short).</summary>
    public static void None(IReadOnlyCollection<string> rows, string what) =>
        Assert.True(rows.Count == 0, $"{rows.Count} {what}:\n{string.Join('\n', rows)}");

    /// <summary>The sequence the Dashboards projection has processed up to.</summary>
    public Task<long> DashboardsProgressAsync() =>
        ScalarAsync<long>("select coalesce((select last_seq_id from marten.mt_event_progression where name = 'Dashboards:All'), 0)");

    public Task<long> HighWaterMarkAsync() =>
        ScalarAsync<long>("select coalesce((select last_seq_id from marten.mt_event_progression where name = 'HighWaterMark'), 0)");

    public Task<long> HighestSequenceAsync() => ScalarAsync<long>("select coalesce(max(seq_id), 0) from marten.mt_events");

    /// <summary>Waits (polling) until the Dashboards projection has processed every committed event.</summary>
    public async Task WaitForDashboardsAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var (progress, highest) = (await DashboardsProgressAsync(), await HighestSequenceAsync());
            if (progress >= highest)
                return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The Dashboards projection is at sequence {progress} after {within}; the highest event is {highest}.");
            await Task.Delay(100);
        }
    }

    /// <summary>How many activity streams hold a <c>note_added</c> or any event with this title, etc.: a count by any SQL.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<string>> ListAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>Every event and every document row: a request that stores nothing leaves both unchanged.</summary>
    public Task<long> StoredRowsAsync() => ScalarAsync<long>("""
        select (select count(*) from marten.mt_events) + (select count(*) from marten.mt_streams)
             + (select count(*) from marten.mt_doc_activitydetails) + (select count(*) from marten.mt_doc_programmedetails)
             + (select count(*) from marten.mt_doc_organisationdetails) + (select count(*) from marten.mt_doc_indicatordefinition)
             + (select count(*) from marten.mt_doc_reportingperioddetails) + (select count(*) from marten.mt_doc_importjob)
             + (select count(*) from identity."AspNetUsers")
        """);
}
