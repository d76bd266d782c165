using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Wolverine.Attributes;
using Wolverine.Marten;

namespace ActivityTracker.Exchange.Imports;

/// <summary>Run import <paramref name="ImportId"/>: a message on a durable local queue, so a job survives a restart.</summary>
public sealed record RunImport(Guid ImportId);

public static class RunImportHandler
{
    // A 100,000-row file takes minutes, far beyond Wolverine's default of a minute; the job's own
    // budget (ImportLimits.TimeBudget) ends it first and says so, this is only the outer bound.
    [MessageTimeout(3600)]
    public static Task Handle(RunImport message, ImportRunner runner, CancellationToken ct) => runner.RunAsync(message.ImportId, null, ct);
}

/// <summary>
/// Takes an uploaded file in: checks what can be checked at once (a name, a format, a size),
/// stores the file and the job, and queues the job in the same transaction (Wolverine's outbox),
/// so a job is never stored without being queued, nor queued without its file.
/// </summary>
public sealed class ImportQueue(IDocumentStore store, TimeProvider clock, LimitOptions limits)
{
    /// <summary>What became of an upload: a queued (or, for the command line, stored) job, or why none was started.</summary>
    public abstract record Answer;
    public sealed record Accepted(ImportJob Job) : Answer;
    public sealed record Refused(FieldErrors Errors) : Answer;

    /// <param name="queue">The outbox that queues the job with it, or null to leave the running to the caller (the command line runs it at once).</param>
    public async Task<Answer> AcceptAsync(ImportRequester requester, string? fileName, Stream? content, bool recordValidRows,
        IMartenOutbox? queue, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var format = SheetFormats.Of(fileName);
        if (content is null || string.IsNullOrWhiteSpace(fileName))
            errors.Add("file", Messages.Text("Import_FileRequired"));
        else if (format is null)
            errors.Add("file", Messages.Text("Import_NotASpreadsheet", Path.GetFileName(fileName)));
        // The name is stored with the job and shown on the imports page.
        errors.Plain("file", fileName);
        if (!errors.IsEmpty)
            return new Refused(errors);

        var id = Guid.CreateVersion7();
        var size = await ImportFile.StoreAsync(store, id, content!, limits.MaxImportBytes, ct);
        if (size is null or 0)
        {
            await ImportFile.DeleteAsync(store, id, ct);
            return new Refused(errors.Add("file", size is null ? Messages.Text("Import_FileTooLarge", limits.MaxImportBytes / (1024 * 1024)) : Messages.Text("Import_FileEmpty")));
        }

        var job = new ImportJob
        {
            Id = id, FileName = Path.GetFileName(fileName!), Format = format!.Value, SizeBytes = size.Value, RecordValidRows = recordValidRows,
            Requester = requester, RequestedAt = clock.GetUtcNow(), State = ImportState.Queued,
        };
        await using var session = store.LightweightSession();
        session.Store(job);
        if (queue is not null)
        {
            queue.Enroll(session);
            await queue.PublishAsync(new RunImport(id));
        }
        await session.SaveChangesAsync(ct);
        return new Accepted(job);
    }

    /// <summary>
    /// Asks for an unfinished import to stop: the node running it watches for the request. A queued one ends
    /// here, and the run the queue still holds finds it ended. Returns the job as it now stands.
    /// </summary>
    public async Task<ImportJob> CancelAsync(ImportJob job, string by, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(new ImportCancellation(job.Id, by, clock.GetUtcNow()));
        if (job.State == ImportState.Queued)
        {
            job = job with { State = ImportState.Cancelled, Failure = Messages.Text("Import_Cancelled", by), FinishedAt = clock.GetUtcNow() };
            session.Store(job);
            session.DeleteWhere<ImportFilePiece>(p => p.ImportId == job.Id);
        }
        await session.SaveChangesAsync(ct);
        return job;
    }
}
