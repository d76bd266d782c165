using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Decisions;
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
/// <c>programme</c>, <c>country</c>, <c>kind</c>, plus <c>status</c> and <c>search</c>), newest first, streamed.
/// </summary>
[Authorize(Roles = Roles.Officer + "," + Roles.Manager + "," + Roles.Admin)]
public static class ExportEndpoints
{
    /// <summary>One activity per row, the columns of the import template plus the read-only ones; imports back unchanged.</summary>
    [WolverineGet("/api/exports/activities.csv", Name = "ExportActivitiesCsv"), Tags("Exports")]
    [Produces(Spreadsheet.CsvContentType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static Task<IResult> Csv(DateOnly? from, DateOnly? to, string? programme, string? country, string? kind, string? status, string? search,
        IQuerySession session, IDocumentStore store, ReferenceData codes, IStringLocalizer<ExchangeText> text, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        ExportAsync(ExportFormat.Csv, new ExportFilter(from, to, programme, country, kind, status, search), session, store, codes, text, clock, user, ct);

    /// <summary>The same rows as <c>activities.csv</c>, as an Excel workbook.</summary>
    [WolverineGet("/api/exports/activities.xlsx", Name = "ExportActivitiesXlsx"), Tags("Exports")]
    [Produces(Spreadsheet.XlsxContentType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static Task<IResult> Xlsx(DateOnly? from, DateOnly? to, string? programme, string? country, string? kind, string? status, string? search,
        IQuerySession session, IDocumentStore store, ReferenceData codes, IStringLocalizer<ExchangeText> text, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        ExportAsync(ExportFormat.Xlsx, new ExportFilter(from, to, programme, country, kind, status, search), session, store, codes, text, clock, user, ct);

    /// <summary>The 3W (who, what, where) with HXL hashtags under the header: one row per activity and implementing partner.</summary>
    [WolverineGet("/api/exports/3w-hxl.csv", Name = "ExportThreeWHxl"), Tags("Exports")]
    [Produces(Spreadsheet.CsvContentType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static Task<IResult> ThreeWHxl(DateOnly? from, DateOnly? to, string? programme, string? country, string? kind, string? status, string? search,
        IQuerySession session, IDocumentStore store, ReferenceData codes, IStringLocalizer<ExchangeText> text, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        ExportAsync(ExportFormat.Hxl, new ExportFilter(from, to, programme, country, kind, status, search), session, store, codes, text, clock, user, ct);

    /// <summary>An IATI 2.03 <c>iati-activities</c> document reported by IOM (XM-DAC-47066), with results, targets and actuals.</summary>
    [WolverineGet("/api/exports/iati.xml", Name = "ExportIati"), Tags("Exports")]
    [Produces("application/xml")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static Task<IResult> Iati(DateOnly? from, DateOnly? to, string? programme, string? country, string? kind, string? status, string? search,
        IQuerySession session, IDocumentStore store, ReferenceData codes, IStringLocalizer<ExchangeText> text, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        ExportAsync(ExportFormat.Iati, new ExportFilter(from, to, programme, country, kind, status, search), session, store, codes, text, clock, user, ct);

    static async Task<IResult> ExportAsync(ExportFormat format, ExportFilter filter, IQuerySession session, IDocumentStore store, ReferenceData codes,
        IStringLocalizer<ExchangeText> text, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await filter.CheckAsync(session, codes, ct) is { IsEmpty: false } errors)
            return Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Rules.Text("Export_FiltersInvalid"));
        var scope = AccessScope.Of(user);
        return Results.Stream(body => ActivityExport.WriteAsync(format, body, store, codes, text, filter, scope, clock.GetUtcNow(), written: null, ct),
            ActivityExport.ContentType(format), ActivityExport.FileName(format));
    }
}
