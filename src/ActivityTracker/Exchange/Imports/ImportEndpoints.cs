using System.Globalization;
using System.Security.Claims;
using ActivityTracker.Activities;
using ActivityTracker.Activities.Listing;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ActivityTracker.Exchange.Imports;

/// <summary>A page of an import's problems, in row order; <paramref name="NotKept"/> more were found past the ones kept.</summary>
public sealed record ImportProblemPage(IReadOnlyList<ImportProblem> Items, long Page, long PageSize, long TotalItems, long PageCount, long NotKept);

/// <summary>Bulk import of activities from a spreadsheet: upload, follow, read the problems.</summary>
public static class ImportEndpoints
{
    /// <summary>
    /// Uploads a CSV or .xlsx file of activities (multipart form field <c>file</c>; the columns of
    /// <c>GET /api/imports/template.csv</c>) and queues its import: 202 with the job to follow at its
    /// location. Every row is checked with the rules of <c>POST /api/activities</c>; when any is bad
    /// nothing is recorded, unless <c>recordValidRows=true</c>. Rows recorded before (the same file
    /// again) are left as they are.
    /// </summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/imports", Name = "StartImport"), Tags("Imports")]
    [ProducesResponseType<ImportJob>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Post(IFormFile? file, bool? recordValidRows, ClaimsPrincipal user, ImportQueue imports, IMartenOutbox outbox, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        var requester = ImportRequester.Of(user, CultureInfo.CurrentUICulture.Name);
        return await imports.AcceptAsync(requester, file?.FileName, content, recordValidRows ?? false, outbox, ct) switch
        {
            ImportQueue.Accepted accepted => Results.Accepted($"/api/imports/{accepted.Job.Id}", accepted.Job),
            ImportQueue.Refused refused => Results.ValidationProblem(refused.Errors.ByField, FieldErrors.Detail, title: Messages.Text("Import_NotStarted")),
            var other => throw new InvalidOperationException($"Unknown answer {other}"),
        };
    }

    /// <summary>The signed-in user's imports, newest first (administrators see everyone's).</summary>
    [Authorize(Roles = ActivityAccess.Officers + "," + Access.Roles.Admin)]
    [WolverineGet("/api/imports", Name = "ListImports"), Tags("Imports")]
    public static async Task<IReadOnlyList<ImportJob>> List(IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var jobs = session.Query<ImportJob>().AsQueryable();
        if (!Access.AccessScope.Of(user).IsAdmin)
        {
            var name = user.Identity?.Name ?? "";
            jobs = jobs.Where(j => j.Requester.UserName == name);
        }
        return await jobs.OrderByDescending(j => j.RequestedAt).Take(50).ToListAsync(ct);
    }

    /// <summary>An import's state and counts; poll it while it runs.</summary>
    [Authorize(Roles = ActivityAccess.Officers + "," + Access.Roles.Admin)]
    [WolverineGet("/api/imports/{id}", Name = "GetImport"), Tags("Imports")]
    [ProducesResponseType<ImportJob>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, ClaimsPrincipal user, CancellationToken ct) =>
        await VisibleAsync(session, id, user, ct) is { } job ? Results.Ok(job) : NotFound(id);

    /// <summary>An import's problems: row (1 is the header), column and message, a page at a time.</summary>
    [Authorize(Roles = ActivityAccess.Officers + "," + Access.Roles.Admin)]
    [WolverineGet("/api/imports/{id}/problems", Name = "GetImportProblems"), Tags("Imports")]
    [ProducesResponseType<ImportProblemPage>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Problems(Guid id, int? page, int? pageSize, IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var invalid = Paging.Validate(page, pageSize);
        if (invalid is ValidationProblemDetails bad)
            return Results.ValidationProblem(bad.Errors, bad.Detail, title: Messages.Text("Import_ProblemsNotRead"));
        if (await VisibleAsync(session, id, user, ct) is not { } job)
            return NotFound(id);
        var items = await ImportProblem.Of(session, id)
            .ToPagedListAsync(page ?? 1, pageSize ?? Paging.DefaultPageSize, ct);
        return Results.Ok(new ImportProblemPage(items.ToList(), items.PageNumber, items.PageSize, items.TotalItemCount, items.PageCount, job.ProblemsNotKept));
    }

    /// <summary>
    /// Stops a queued or running import (its requester's, or any for an administrator): 202 with the job. A queued
    /// one ends at once; a running one within a second or two, on whichever node runs it. Activities recorded
    /// before stay. 409 when the import has already ended.
    /// </summary>
    [Authorize(Roles = ActivityAccess.Officers + "," + Access.Roles.Admin)]
    [WolverinePost("/api/imports/{id}/cancel", Name = "CancelImport"), Tags("Imports")]
    [ProducesResponseType<ImportJob>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Cancel(Guid id, IQuerySession session, ImportQueue imports, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await VisibleAsync(session, id, user, ct) is not { } job)
            return NotFound(id);
        if (job.IsFinished)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: Messages.Text("Import_NotCancelled"),
                detail: Messages.Text("Import_AlreadyEnded", job.FileName));
        return Results.Accepted($"/api/imports/{id}", await imports.CancelAsync(job, user.Identity?.Name ?? "", ct));
    }

    static async Task<ImportJob?> VisibleAsync(IQuerySession session, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        await session.LoadAsync<ImportJob>(id, ct) is { } job && (job.Requester.UserName == user.Identity?.Name || Access.AccessScope.Of(user).IsAdmin) ? job : null;

    static IResult NotFound(Guid id) => Results.Problem(statusCode: StatusCodes.Status404NotFound,
        title: Messages.Text("Import_NoSuchImport"), detail: Messages.Text("Import_NoSuchImportDetail", id));
}
