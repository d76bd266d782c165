using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Wolverine.Http;

namespace ActivityTracker.Exchange.Exports;

// Downloads of the activities the user may see. Browsers send the sign-in cookie with a plain link
// (AccessConfiguration's policy scheme picks the cookie when there is no Authorization header), so the
// UI's export buttons are links to these routes with the page's filters in the query string.

/// <summary>
/// Activity exports: every activity in the user's scope matching the filters (the dashboards' <c>from</c>, <c>to</c>,
/// <c>programme</c>, <c>country</c> with its <c>role</c>, <c>kind</c>, plus <c>status</c> and <c>search</c>), newest first, sent once written whole (<see cref="ExportDownload"/>).
/// </summary>
[Authorize(Roles = Roles.Any)]
public static class ExportEndpoints
{
    /// <summary>
    /// One file of activities: <c>activities.csv</c> and <c>activities.xlsx</c> (one activity per row, the columns of the
    /// import template plus the read-only ones; they import back unchanged), <c>3w-hxl.csv</c> (the 3W with HXL hashtags
    /// under the header, one row per activity and implementing partner) or <c>iati.xml</c> (an IATI 2.03
    /// <c>iati-activities</c> document reported by IOM, XM-DAC-47066, with results, targets and actuals).
    /// </summary>
    [WolverineGet("/api/exports/{file}", Name = "ExportActivities"), Tags("Exports")]
    [Produces(Spreadsheet.CsvContentType, Spreadsheet.XlsxContentType, IatiActivities.ContentType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(string file, DateOnly? from, DateOnly? to, string? programme, string? country, string? kind, string? status, string? search, string? role,
        IQuerySession session, IDocumentStore store, ReferenceData codes, IStringLocalizer<ExchangeText> text, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (ActivityExport.FormatOf(file) is not { } format)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.Text("Export_NoSuchFile"),
                detail: Messages.Text("Export_NoSuchFileDetail", file, string.Join(", ", Enum.GetValues<ExportFormat>().Select(ActivityExport.FileName))));
        return await ExportAsync(format, new ExportFilter(from, to, programme, country, kind, status, search, role), session, store, codes, text, clock, user, ct);
    }

    static async Task<IResult> ExportAsync(ExportFormat format, ExportFilter filter, IQuerySession session, IDocumentStore store, ReferenceData codes,
        IStringLocalizer<ExchangeText> text, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await filter.CheckAsync(session, codes, ct) is { IsEmpty: false } errors)
            return Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Messages.Text("Export_FiltersInvalid"));
        var scope = AccessScope.Of(user);
        return new ExportDownload(body => ActivityExport.WriteAsync(format, body, store, codes, text, filter, scope, clock.GetUtcNow(), written: null, ct),
            ActivityExport.ContentType(format), ActivityExport.FileName(format));
    }
}
