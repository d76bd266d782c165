using System.Globalization;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Duplicates;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;

namespace ActivityTracker.Exchange.Imports;

/// <summary>
/// Runs an import in two passes over the stored file, a row at a time. The first checks every
/// row and stores nothing but the problems; when a row is bad and the user did not ask for the
/// good rows alone, it stops there. The second records the good rows in batches. A rerun (the
/// durable queue redelivers after a crash) starts over: rows recorded before are found by their
/// stable ids and left alone, so nothing is recorded twice.
/// Every run ends: within its time budget, when cancelled, and after a few runs cut short by
/// crashes, so a poisoned file cannot hold a node's import queue or come back after every restart.
/// </summary>
public sealed class ImportRunner(IDocumentStore store, ReferenceData codes, TimeProvider clock, ImportLimits limits, ILogger<ImportRunner> log)
{
    public const int BatchSize = 500;
    const int ProblemBatch = 1000;
    const int MaxRuns = 3;
    static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan CancellationCheckEvery = TimeSpan.FromSeconds(1);

    /// <param name="onProgress">Also told of every saved state (the command line draws its bar from it).</param>
    /// <param name="ct">Cancelled when the node stops: the run is left for the durable queue to start again.</param>
    public async Task<ImportJob> RunAsync(Guid importId, Action<ImportJob>? onProgress, CancellationToken ct)
    {
        ImportJob queued;
        await using (var query = store.QuerySession())
            queued = await query.LoadAsync<ImportJob>(importId, ct) ?? throw new InvalidOperationException($"There is no import {importId}.");
        if (queued.IsFinished)
            return queued;
        var culture = CultureInfo.GetCultureInfo(queued.Requester.Culture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
        var run = new Run(store, codes, clock, limits, queued, onProgress);
        if (queued.Runs >= MaxRuns)
            return await run.EndAsync(ImportState.Failed, Messages.Text("Import_TooManyRuns", queued.Runs), ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(limits.TimeBudget);
        var cancellation = WatchForCancellationAsync(importId, stop);
        try
        {
            return await run.ExecuteAsync(stop.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await stop.CancelAsync();
            return await cancellation is { } cancelled
                ? await run.EndAsync(ImportState.Cancelled, Messages.Text("Import_Cancelled", cancelled.By), ct)
                : await run.EndAsync(ImportState.Failed, Messages.Text("Import_TooSlow", Seconds(limits.TimeBudget)), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Import {ImportId} failed", importId);
            return await run.EndAsync(ImportState.Failed, Messages.Text("Import_Failed", e.Message), ct);
        }
        finally
        {
            await stop.CancelAsync();
            await cancellation;
        }
    }

    static string Seconds(TimeSpan budget) => budget.TotalSeconds.ToString("0.###", CultureInfo.CurrentCulture);

    /// <summary>
    /// Polls for an <see cref="ImportCancellation"/> (whichever node the request reached) until the run ends,
    /// and stops the run when one comes.
    /// </summary>
    async Task<ImportCancellation?> WatchForCancellationAsync(Guid importId, CancellationTokenSource stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await using (var session = store.QuerySession())
                    if (await session.LoadAsync<ImportCancellation>(importId, stop.Token) is { } cancelled)
                    {
                        await stop.CancelAsync();
                        return cancelled;
                    }
                await Task.Delay(CancellationCheckEvery, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
        return null;
    }

    /// <summary>One run of one import: the job as it goes, the bad rows found, the problems not yet saved.</summary>
    sealed class Run(IDocumentStore store, ReferenceData codes, TimeProvider clock, ImportLimits limits, ImportJob job, Action<ImportJob>? onProgress)
    {
        public ImportJob Job { get; private set; } = job;
        readonly HashSet<int> _badRows = [];
        readonly List<ImportProblem> _problems = [];
        DateTimeOffset _reportedAt;
        ImportHeader? _header;

        IDocumentStore Store => store;
        DateTimeOffset Now => clock.GetUtcNow();

        public async Task<ImportJob> ExecuteAsync(CancellationToken ct)
        {
            await using (var session = Store.LightweightSession())
            {
                session.DeleteWhere<ImportProblem>(p => p.ImportId == Job.Id);
                await session.SaveChangesAsync(ct);
            }
            await SaveAsync(Job with
            {
                State = ImportState.Checking,
                Progress = 0,
                Rows = 0,
                BadRows = 0,
                ProblemCount = 0,
                ProblemsNotKept = 0,
                Recorded = 0,
                AlreadyThere = 0,
                Corrected = 0,
                LikelyDuplicates = 0,
                DuplicatesChecked = false,
                Runs = Job.Runs + 1,
            }, ct);

            Catalog catalog;
            await using (var catalogSession = Store.QuerySession())
                catalog = await Catalog.LoadAllAsync(catalogSession, codes, ct);
            var today = clock.Today();
            var scope = Job.Requester.Scope;
            if (!await CheckAsync(catalog, today, scope, ct))
                return await FinishAsync(ImportState.Rejected, ct);
            if (_badRows.Count > 0 && !Job.RecordValidRows)
                return await FinishAsync(ImportState.Rejected, ct);

            await SaveAsync(Job with { State = ImportState.Recording, Progress = 0, DuplicatesChecked = Job.Rows <= limits.MaxRowsCheckedForDuplicates }, ct);
            await RecordAsync(catalog, today, scope, ct);
            return await FinishAsync(ImportState.Completed, ct);
        }

        /// <returns>False when the file as a whole cannot be imported (its header, its encoding).</returns>
        async Task<bool> CheckAsync(Catalog catalog, DateOnly today, Access.AccessScope scope, CancellationToken ct)
        {
            var firstRowOf = new Dictionary<Guid, int>();
            await using var file = ImportFile.Open(Store, Job.Id);
            try
            {
                await foreach (var row in SheetReader.ReadAsync(file, Job.Format, limits, ct))
                {
                    if (_header is null)
                    {
                        _header = ImportHeader.Of(row.Cells);
                        Report(row.Number, _header.Problems);
                        if (!_header.Problems.IsEmpty)
                            return false;
                        continue;
                    }
                    var reading = ActivityRow.Read(column => _header.Cell(row, column), Job.Requester.UserName);
                    var problems = Check(row, reading, catalog, today, scope);
                    if (problems.IsEmpty && !firstRowOf.TryAdd(reading.Id, row.Number))
                        problems.Add(ActivityColumns.Id, Messages.Text("Import_RepeatedRow", firstRowOf[reading.Id]));
                    Report(row.Number, problems);
                    Job = Job with { Rows = Job.Rows + 1, Progress = Job.Format == SheetFormat.Csv ? (double)file.Position / Math.Max(1, Job.SizeBytes) : 0 };
                    await ReportProgressAsync(ct);
                }
            }
            catch (UnreadableSheetException e)
            {
                Report(e.Row, new FieldErrors().Add("", e.Message));
                return false;
            }
            if (_header is null)
                Report(1, new FieldErrors().Add("", Messages.Text("Import_Empty")));
            await FlushProblemsAsync(ct);
            return _header is not null;
        }

        async Task RecordAsync(Catalog catalog, DateOnly today, Access.AccessScope scope, CancellationToken ct)
        {
            var batch = new List<(int Row, ActivityRowReading Reading)>();
            var done = 0;
            var header = true;
            await using var file = ImportFile.Open(Store, Job.Id);
            await foreach (var row in SheetReader.ReadAsync(file, Job.Format, limits, ct))
            {
                if (header || _badRows.Contains(row.Number))
                {
                    header = false;
                    continue;
                }
                batch.Add((row.Number, ActivityRow.Read(column => _header!.Cell(row, column), Job.Requester.UserName)));
                if (batch.Count == BatchSize)
                    await RecordBatchAsync(batch, catalog, today, scope, ct);
                Job = Job with { Progress = (double)++done / Math.Max(1, Job.Rows - Job.BadRows) };
                await ReportProgressAsync(ct);
            }
            await RecordBatchAsync(batch, catalog, today, scope, ct);
        }

        /// <summary>
        /// Records a batch of good rows. A row whose activity exists already is left as it is when it says the same
        /// (<see cref="RowCorrections.Between"/>); when it says otherwise, its changed cells are reported one by one, and applied
        /// as corrections when the row gives a correction reason and the corrections' own rules and the importer's scope allow.
        /// An id (a GUID) of an activity outside the importer's scope stands for one of their own instead, as an id nobody has
        /// used would: the answer is the same whether such an activity exists or not.
        /// </summary>
        async Task RecordBatchAsync(List<(int Row, ActivityRowReading Reading)> batch, Catalog catalog, DateOnly today, Access.AccessScope scope, CancellationToken ct)
        {
            if (batch.Count == 0)
                return;
            // Every event of the import carries its id: the history says where an activity came from.
            await using var session = Store.WriteSession(Job.Requester.UserName, $"import/{Job.Id}");
            var hidden = (await ExistingAsync(session, batch.Select(b => b.Reading.Id), ct))
                .Where(a => !scope.Covers(a.ProgrammeCode, a.Location.CountryCode, a.ParticipatingCountries))
                .Select(a => a.Id).ToHashSet();
            var readings = batch.Select(b => (b.Row, Reading: hidden.Contains(b.Reading.Id)
                ? b.Reading with { Id = ActivityRow.ImportersOwn(Job.Requester.UserName, b.Reading.Id.ToString()) } : b.Reading)).ToList();
            var existing = (await ExistingAsync(session, readings.Select(r => r.Reading.Id), ct)).ToDictionary(a => a.Id);
            var (recorded, unchanged, corrected) = (0, 0, 0);
            var probes = new List<(int Row, DuplicateProbe Probe)>();
            foreach (var (row, reading) in readings)
            {
                // Checked in the first pass against the same catalog and scope, so it is accepted again.
                if (ImportRules.Check(reading, catalog, today, scope) is not Decision.Accepted accepted)
                    continue;
                if (!existing.TryGetValue(reading.Id, out var current))
                {
                    session.Events.StartStream<ActivityDetails>(reading.Id, accepted.Events.ToArray());
                    recorded++;
                    if (Job.DuplicatesChecked)
                        probes.Add((row, DuplicateProbe.Of(ActivityDetails.After(null, accepted.Events)!)));
                    continue;
                }
                var proposed = ActivityDetails.After(null, accepted.Events)!;
                var changes = RowCorrections.Between(current, proposed);
                if (changes.Count == 0)
                    unchanged++;
                else if (Correct(session, row, reading, current, proposed, changes, catalog, today, scope))
                    corrected++;
            }
            await session.SaveChangesAsync(ct);
            Job = Job with { Recorded = Job.Recorded + recorded, AlreadyThere = Job.AlreadyThere + unchanged, Corrected = Job.Corrected + corrected };
            batch.Clear();
            if (probes.Count > 0)
                await WarnOfDuplicatesAsync(session, probes, scope, ct);
        }

        /// <summary>
        /// Each row just recorded that may report an activity already there (or another row of the file): a warning naming them,
        /// as the case file shows. Recorded all the same: it decides nothing (two trainings in one week may well be two).
        /// </summary>
        async Task WarnOfDuplicatesAsync(IQuerySession session, IReadOnlyList<(int Row, DuplicateProbe Probe)> probes, Access.AccessScope scope, CancellationToken ct)
        {
            var found = await LikelyDuplicates.FindManyAsync(session, [.. probes.Select(p => p.Probe)], scope, ct);
            foreach (var (row, probe) in probes)
                if (found.TryGetValue(probe.Id, out var likely))
                {
                    Keep(row, ActivityColumns.Id, Messages.Text("Import_LikelyDuplicate", string.Join("; ", likely.Select(d => $"\"{d.Title}\" (/activities/{d.Id})"))), warning: true);
                    Job = Job with { LikelyDuplicates = Job.LikelyDuplicates + 1, ProblemCount = Job.ProblemCount + 1 };
                }
        }

        /// <summary>Applies a changed row as corrections, or reports why not (each changed cell, or the rule that refused them).</summary>
        bool Correct(IDocumentSession session, int row, ActivityRowReading reading, ActivityDetails current, ActivityDetails proposed,
            IReadOnlyList<CellChange> changes, Catalog catalog, DateOnly today, Access.AccessScope scope)
        {
            var problems = new FieldErrors();
            if (reading.Correction is not { } correction)
            {
                foreach (var change in changes)
                    problems.Add(change.Column, Messages.Text("Import_ChangedNotApplied", change.Was ?? "", change.Now ?? ""));
                Report(row, problems);
                return false;
            }
            switch (RowCorrections.Decide(current, proposed, reading.Command!, changes, correction, catalog, today))
            {
                case Decision.Accepted { Events: var events } when scope.MayWrite(current, events):
                    // At the version read: a writer in between makes the whole batch fail and the run start again.
                    session.Events.Append(current.Id, current.Version + events.Count, [.. events]);
                    return true;
                case Decision.Accepted:
                    problems.Add(ActivityColumns.Id, Messages.Text("Import_CorrectionRefused", Messages.Text("Problem_WriteOutsideScope")));
                    break;
                case Decision.Refused refused:
                    problems.Add(ActivityColumns.Id, Messages.Text("Import_CorrectionRefused", refused.Reason));
                    break;
                case Decision.Invalid invalid:
                    foreach (var (field, messages) in invalid.Errors.ByField)
                        foreach (var message in messages)
                            problems.Add(ActivityColumns.Of(field), Messages.Text("Import_CorrectionRefused", message));
                    break;
            }
            Report(row, problems);
            return false;
        }

        static async Task<IReadOnlyList<ActivityDetails>> ExistingAsync(IDocumentSession session, IEnumerable<Guid> ids, CancellationToken ct)
        {
            var wanted = ids.ToArray();
            return await session.Query<ActivityDetails>().Where(a => a.Id.IsOneOf(wanted)).ToListAsync(ct);
        }

        FieldErrors Check(SheetRow row, ActivityRowReading reading, Catalog catalog, DateOnly today, Access.AccessScope scope)
        {
            if ((row.Problem ?? _header!.ShapeProblem(row, Job.Format)) is { } problem)
                return new FieldErrors().Add("", problem);
            return ImportRules.Check(reading, catalog, today, scope) is Decision.Invalid invalid ? invalid.Errors : new FieldErrors();
        }

        void Report(int row, FieldErrors problems)
        {
            if (problems.IsEmpty)
                return;
            if (row > 1 || _header is { Problems.IsEmpty: true })
                _badRows.Add(row);
            foreach (var (column, message) in problems.ByField.SelectMany(f => f.Value.Select(m => (f.Key, m))))
            {
                Keep(row, column, message, warning: false);
                Job = Job with { ProblemCount = Job.ProblemCount + 1 };
            }
            Job = Job with { BadRows = _badRows.Count };
        }

        // The first problems say what to fix; a file with thousands (100,000 unknown columns) must not store them all: the rest are counted.
        void Keep(int row, string column, string message, bool warning)
        {
            if (Job.ProblemCount - Job.ProblemsNotKept < limits.MaxProblems)
                _problems.Add(new ImportProblem(Guid.CreateVersion7(), Job.Id, row, column, message, warning));
            else
                Job = Job with { ProblemsNotKept = Job.ProblemsNotKept + 1 };
        }

        async Task FlushProblemsAsync(CancellationToken ct)
        {
            if (_problems.Count == 0)
                return;
            await using var session = Store.LightweightSession();
            session.Store(_problems.ToArray());
            await session.SaveChangesAsync(ct);
            _problems.Clear();
        }

        async Task ReportProgressAsync(CancellationToken ct)
        {
            if (_problems.Count >= ProblemBatch)
                await FlushProblemsAsync(ct);
            if (Now - _reportedAt >= ReportEvery)
                await SaveAsync(Job, ct);
        }

        /// <summary>Ends the run: its problems saved, its file deleted (a finished job never runs again).</summary>
        async Task<ImportJob> FinishAsync(ImportState state, CancellationToken ct)
        {
            await FlushProblemsAsync(ct);
            await ImportFile.DeleteAsync(Store, Job.Id, ct);
            return await SaveAsync(Job with { State = state, Progress = 1, FinishedAt = Now }, ct);
        }

        /// <summary>Ends a run that did not get to its end (failed, cancelled), saying why.</summary>
        public async Task<ImportJob> EndAsync(ImportState state, string failure, CancellationToken ct)
        {
            Job = Job with { Failure = failure };
            return await FinishAsync(state, ct);
        }

        public async Task<ImportJob> SaveAsync(ImportJob job, CancellationToken ct)
        {
            Job = job;
            _reportedAt = Now;
            await using var session = Store.LightweightSession();
            session.Store(job);
            await session.SaveChangesAsync(ct);
            onProgress?.Invoke(job);
            return job;
        }
    }
}
