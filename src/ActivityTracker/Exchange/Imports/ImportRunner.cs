using System.Globalization;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using ActivityTracker.Reference;
using Marten;

namespace ActivityTracker.Exchange.Imports;

/// <summary>
/// Runs an import in two passes over the stored file, a row at a time. The first checks every
/// row and stores nothing but the problems; when a row is bad and the user did not ask for the
/// good rows alone, it stops there. The second records the good rows in batches. A rerun (the
/// durable queue redelivers after a crash) starts over: rows recorded before are found by their
/// stable ids and left alone, so nothing is recorded twice.
/// </summary>
public sealed class ImportRunner(IDocumentStore store, ReferenceData codes, TimeProvider clock, ILogger<ImportRunner> log)
{
    public const int BatchSize = 500;
    const int ProblemBatch = 1000;
    static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);

    /// <param name="onProgress">Also told of every saved state (the command line draws its bar from it).</param>
    public async Task<ImportJob> RunAsync(Guid importId, Action<ImportJob>? onProgress, CancellationToken ct)
    {
        await using (var query = store.QuerySession())
        {
            var queued = await query.LoadAsync<ImportJob>(importId, ct) ?? throw new InvalidOperationException($"There is no import {importId}.");
            if (queued.IsFinished)
                return queued;
            var culture = CultureInfo.GetCultureInfo(queued.Requester.Culture);
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
            var run = new Run(store, codes, clock, queued, onProgress);
            try
            {
                return await run.ExecuteAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Import {ImportId} failed", importId);
                return await run.SaveAsync(run.Job with { State = ImportState.Failed, Failure = Rules.Text("Import_Failed", e.Message), FinishedAt = clock.GetUtcNow() }, ct);
            }
        }
    }

    /// <summary>One run of one import: the job as it goes, the bad rows found, the problems not yet saved.</summary>
    sealed class Run(IDocumentStore store, ReferenceData codes, TimeProvider clock, ImportJob job, Action<ImportJob>? onProgress)
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
            await SaveAsync(Job with { State = ImportState.Checking, Progress = 0, Rows = 0, BadRows = 0, ProblemCount = 0, Recorded = 0, AlreadyThere = 0 }, ct);

            Catalog catalog;
            await using (var catalogSession = Store.QuerySession())
                catalog = await Catalog.LoadAllAsync(catalogSession, codes, ct);
            var today = clock.Today();
            var scope = Job.Requester.Scope;
            if (!await CheckAsync(catalog, today, scope, ct))
                return await FinishAsync(ImportState.Rejected, ct);
            if (_badRows.Count > 0 && !Job.RecordValidRows)
                return await FinishAsync(ImportState.Rejected, ct);

            await SaveAsync(Job with { State = ImportState.Recording, Progress = 0 }, ct);
            await RecordAsync(catalog, today, scope, ct);
            await ImportFile.DeleteAsync(Store, Job.Id, ct);
            return await FinishAsync(ImportState.Completed, ct);
        }

        /// <returns>False when the file as a whole cannot be imported (its header, its encoding).</returns>
        async Task<bool> CheckAsync(Catalog catalog, DateOnly today, Access.AccessScope scope, CancellationToken ct)
        {
            var firstRowOf = new Dictionary<Guid, int>();
            await using var file = ImportFile.Open(Store, Job.Id);
            try
            {
                await foreach (var row in SheetReader.ReadAsync(file, Job.Format, ct))
                {
                    if (_header is null)
                    {
                        _header = ImportHeader.Of(row.Cells);
                        Report(row.Number, _header.Problems);
                        if (!_header.Problems.IsEmpty)
                            return false;
                        continue;
                    }
                    var reading = ActivityRow.Read(column => _header.Cell(row, column));
                    var problems = Check(row, reading, catalog, today, scope);
                    if (problems.IsEmpty && !firstRowOf.TryAdd(reading.Id, row.Number))
                        problems.Add(ActivityColumns.Id, Rules.Text("Import_RepeatedRow", firstRowOf[reading.Id]));
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
                Report(1, new FieldErrors().Add("", Rules.Text("Import_Empty")));
            await FlushProblemsAsync(ct);
            return _header is not null;
        }

        async Task RecordAsync(Catalog catalog, DateOnly today, Access.AccessScope scope, CancellationToken ct)
        {
            var batch = new List<(Guid Id, IReadOnlyList<object> Events)>();
            var done = 0;
            var header = true;
            await using var file = ImportFile.Open(Store, Job.Id);
            await foreach (var row in SheetReader.ReadAsync(file, Job.Format, ct))
            {
                if (header || _badRows.Contains(row.Number))
                {
                    header = false;
                    continue;
                }
                var reading = ActivityRow.Read(column => _header!.Cell(row, column));
                // Checked in the first pass against the same catalog and scope, so it is accepted again.
                if (ImportRules.Check(reading, catalog, today, scope) is Decision.Accepted accepted)
                    batch.Add((reading.Id, accepted.Events));
                if (batch.Count == BatchSize)
                    await RecordBatchAsync(batch, ct);
                Job = Job with { Progress = (double)++done / Math.Max(1, Job.Rows - Job.BadRows) };
                await ReportProgressAsync(ct);
            }
            await RecordBatchAsync(batch, ct);
        }

        async Task RecordBatchAsync(List<(Guid Id, IReadOnlyList<object> Events)> batch, CancellationToken ct)
        {
            if (batch.Count == 0)
                return;
            await using var session = Store.LightweightSession();
            session.LastModifiedBy = Job.Requester.UserName;
            // Every event of the import carries its id: the history says where an activity came from.
            session.CorrelationId = $"import/{Job.Id}";
            var ids = batch.Select(b => b.Id).ToArray();
            var existing = (await session.Query<ActivityDetails>().Where(a => a.Id.IsOneOf(ids)).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
            foreach (var (id, events) in batch.Where(b => !existing.Contains(b.Id)))
                session.Events.StartStream<ActivityDetails>(id, events.ToArray());
            await session.SaveChangesAsync(ct);
            Job = Job with { Recorded = Job.Recorded + batch.Count - existing.Count, AlreadyThere = Job.AlreadyThere + existing.Count };
            batch.Clear();
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
            foreach (var (column, messages) in problems.ByField)
                _problems.AddRange(messages.Select(m => new ImportProblem(Guid.CreateVersion7(), Job.Id, row, column, m)));
            Job = Job with { BadRows = _badRows.Count, ProblemCount = Job.ProblemCount + problems.Count };
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

        async Task<ImportJob> FinishAsync(ImportState state, CancellationToken ct)
        {
            await FlushProblemsAsync(ct);
            return await SaveAsync(Job with { State = state, Progress = 1, FinishedAt = Now }, ct);
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
