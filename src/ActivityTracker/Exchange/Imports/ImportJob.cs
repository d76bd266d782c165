using ActivityTracker.Access;

namespace ActivityTracker.Exchange.Imports;

public enum ImportState
{
    /// <summary>Waiting in the durable queue.</summary>
    Queued,
    /// <summary>Reading every row and checking it against the rules; nothing stored yet.</summary>
    Checking,
    /// <summary>Recording the checked rows as activities.</summary>
    Recording,
    /// <summary>Done: every good row is an activity (new, or there already).</summary>
    Completed,
    /// <summary>Some rows are bad and the user did not ask for the good ones alone: nothing was stored.</summary>
    Rejected,
    /// <summary>The file could not be read at all (not a spreadsheet, past its time budget, an unexpected failure).</summary>
    Failed,
    /// <summary>Stopped by its requester or an administrator; activities recorded before stay.</summary>
    Cancelled,
}

/// <summary>Who asked for an import, kept with it so the background job applies their scope and language.</summary>
public sealed record ImportRequester(string UserName, string[] Roles, string[] Programmes, string[] Countries, string Culture)
{
    public static ImportRequester Of(System.Security.Claims.ClaimsPrincipal user, string culture)
    {
        var scope = AccessScope.Of(user);
        return new(user.Identity?.Name ?? "unknown", [.. scope.Roles], [.. scope.Programmes], [.. scope.Countries], culture);
    }

    public AccessScope Scope => new(
        Roles.ToHashSet(StringComparer.OrdinalIgnoreCase),
        Programmes.ToHashSet(StringComparer.OrdinalIgnoreCase),
        Countries.ToHashSet(StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// A bulk import of activities: the operational record of one uploaded file, its progress and
/// its outcome. The activities themselves are events like any other; this document only tracks
/// the job (its problems are <see cref="ImportProblem"/> documents).
/// </summary>
public sealed record ImportJob
{
    public Guid Id { get; init; }
    public string FileName { get; init; } = "";
    public SheetFormat Format { get; init; }
    public long SizeBytes { get; init; }
    /// <summary>Record the good rows even when others are bad.</summary>
    public bool RecordValidRows { get; init; }
    public ImportRequester Requester { get; init; } = new("", [], [], [], "en");
    public DateTimeOffset RequestedAt { get; init; }
    public ImportState State { get; init; }
    /// <summary>How far the current pass has read the file, 0 to 1.</summary>
    public double Progress { get; init; }
    public int Rows { get; init; }
    public int BadRows { get; init; }
    /// <summary>Every problem found; only the first <see cref="ImportLimits.MaxProblems"/> are kept.</summary>
    public int ProblemCount { get; init; }
    /// <summary>Problems found past <see cref="ImportLimits.MaxProblems"/>: counted, not kept.</summary>
    public int ProblemsNotKept { get; init; }
    /// <summary>Activities recorded by this import.</summary>
    public int Recorded { get; init; }
    /// <summary>Rows whose activity existed already and says the same (the same file imported again): left as they are.</summary>
    public int AlreadyThere { get; init; }
    /// <summary>
    /// Rows whose activity existed already with other values, and whose correction reason made their changes corrections. A changed
    /// row without one is a bad row, each changed cell a problem saying what it was and what the row says.
    /// </summary>
    public int Corrected { get; init; }
    /// <summary>Rows recorded that may report an activity already there (a warning each, among the problems); see <see cref="DuplicatesChecked"/>.</summary>
    public int LikelyDuplicates { get; init; }
    /// <summary>Whether recorded rows were compared with the activities they may duplicate: files past <see cref="ImportLimits.MaxRowsCheckedForDuplicates"/> rows are not.</summary>
    public bool DuplicatesChecked { get; init; }
    public string? Failure { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Runs started: a node that dies mid-run has the durable queue start it again, a few times at most.</summary>
    public int Runs { get; init; }

    public bool IsFinished => State is ImportState.Completed or ImportState.Rejected or ImportState.Failed or ImportState.Cancelled;
}

/// <summary>Someone asked to stop import <paramref name="Id"/>: the node running it watches for this document.</summary>
public sealed record ImportCancellation(Guid Id, string By, DateTimeOffset At);

/// <summary>One bad cell (or row) of an import: row 1 is the header. A warning (a row recorded that may duplicate another) stored nothing wrong.</summary>
public sealed record ImportProblem(Guid Id, Guid ImportId, int Row, string Column, string Message, bool IsWarning = false)
{
    /// <summary>An import's problems in the order of the file.</summary>
    public static IQueryable<ImportProblem> Of(Marten.IQuerySession session, Guid importId) =>
        session.Query<ImportProblem>().Where(p => p.ImportId == importId).OrderBy(p => p.Row).ThenBy(p => p.Id);
}
