using System.Globalization;
using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Dashboards;
using ActivityTracker.Dashboards.Reads;
using ActivityTracker.Indicators;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Exchange.Exports;

/// <summary>
/// A dashboard as a sheet: the very views <c>GET /api/dashboards/{dimension}</c> answers (its method is called, with
/// the same filters, scope and time travel, so no figure is computed twice), one figure per row ("long" layout, which
/// filters and pivots in a spreadsheet): <c>set</c> is <c>all_reported</c> or <c>approved</c> (or <c>target</c> for a
/// programme's targets); <c>figure</c> is <c>activities</c>, <c>cancelled</c>, <c>participants</c>, <c>unaccompanied_minors</c>,
/// <c>activities_by_kind</c>, <c>activities_by_status</c>, <c>reach</c>, <c>outcome:INDICATOR</c> or
/// <c>target:INDICATOR</c>; <c>category</c> is the kind, status, sex and age band, breakdown (<c>sex/Female</c>), part
/// along a defined dimension of the participants or an outcome (<c>institution/inm-mx</c>, and what the parts of that
/// dimension leave, <c>institution/not_stated</c>: no category code has an underscore) or target period. <c>role</c> is what the country is to the activities counted (<c>host</c>, <c>taking-part</c>, <c>any</c>)
/// where a country is involved (by country, the cube, or a <c>country</c> filter), else empty. <c>at_least</c> is <c>true</c> when
/// the value is a floor: it adds a report that gave one ("more than 1,500"). For an indicator's figure, <c>reports</c> is how
/// many activities' reports make it; a percentage's or an average's (<c>WeightedMean</c>) <c>value</c> is the mean of the
/// <c>weighed</c> reports that gave a base, weighted by it (<c>base</c> is their sum), and is empty when several reports gave none.
/// </summary>
[Authorize(Roles = Roles.Any)]
public static class DashboardExports
{
    public static readonly IReadOnlyList<string> Columns = ["dimension", "key", "name_en", "name_es", "scope", "role", "as_of", "set", "figure", "category", "value", "at_least",
        "reports", "weighed", "base"];

    /// <summary>Every slice of a dashboard dimension as CSV; the same dimensions and filters as <c>/api/dashboards/{dimension}</c>.</summary>
    [WolverineGet("/api/exports/dashboards/{dimension}.csv", Name = "ExportDashboardCsv"), Tags("Exports")]
    [Produces(Spreadsheet.CsvContentType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Csv(string dimension, DateOnly? from, DateOnly? to, string? programme, string? country, string? kind, DateTimeOffset? asOf, string? role,
        DashboardReads reads, ReferenceData codes, ClaimsPrincipal user, CancellationToken ct) =>
        Sheet(await DashboardEndpoints.List(dimension, from, to, programme, country, kind, asOf, role, reads, codes, user, ct), dimension, "csv",
            (body, rows) => Spreadsheet.WriteCsvAsync(body, Columns, rows, ct));

    /// <summary>The same rows as the dashboard CSV, as an Excel workbook.</summary>
    [WolverineGet("/api/exports/dashboards/{dimension}.xlsx", Name = "ExportDashboardXlsx"), Tags("Exports")]
    [Produces(Spreadsheet.XlsxContentType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Xlsx(string dimension, DateOnly? from, DateOnly? to, string? programme, string? country, string? kind, DateTimeOffset? asOf, string? role,
        DashboardReads reads, ReferenceData codes, ClaimsPrincipal user, CancellationToken ct) =>
        Sheet(await DashboardEndpoints.List(dimension, from, to, programme, country, kind, asOf, role, reads, codes, user, ct), dimension, "xlsx",
            (body, rows) => Spreadsheet.WriteXlsxAsync(body, Columns, rows, ct));

    /// <summary>The dashboard's answer written as a sheet; its 400 or 404 passes through unchanged.</summary>
    static IResult Sheet(IResult answer, string dimension, string extension, Func<Stream, IAsyncEnumerable<string?[]>, Task> write) =>
        answer is Ok<IReadOnlyList<DashboardView>> { Value: { } views }
            ? new ExportDownload(body => write(body, Rows(views).ToAsyncEnumerable()),
                extension == "csv" ? Spreadsheet.CsvContentType : Spreadsheet.XlsxContentType, $"dashboard-{dimension.ToLowerInvariant()}.{extension}")
            : answer;

    public static IEnumerable<string?[]> Rows(IEnumerable<DashboardView> views)
    {
        foreach (var view in views)
        {
            string?[] Row(string set, string figure, string? category, decimal? value, bool isMinimum = false, OutcomeFigure? outcome = null) =>
                [view.Dimension, view.Key, view.NameEn, view.NameEs, view.Scope, view.Role, view.AsOf?.ToString("O", CultureInfo.InvariantCulture),
                 set, figure, category, value?.ToString(CultureInfo.InvariantCulture), isMinimum ? "true" : null,
                 outcome?.Reports.ToString(CultureInfo.InvariantCulture),
                 outcome is { Aggregation: AggregationRule.WeightedMean } ? outcome.Weighed.ToString(CultureInfo.InvariantCulture) : null,
                 outcome?.Base?.ToString(CultureInfo.InvariantCulture)];
            foreach (var (set, figures) in new[] { ("all_reported", view.AllReported), ("approved", view.Approved) })
            {
                yield return Row(set, "activities", null, figures.Activities);
                yield return Row(set, "cancelled", null, figures.Cancelled);
                yield return Row(set, "participants", null, figures.Participants, figures.ParticipantsIsMinimum);
                foreach (var row in Parts(figures.ParticipantParts, figures.Participants))
                    yield return Row(set, "participants", row.Category, row.Value);
                yield return Row(set, "unaccompanied_minors", null, figures.UnaccompaniedMinors);
                foreach (var (kind, count) in figures.ActivitiesByKind)
                    yield return Row(set, "activities_by_kind", kind, count);
                foreach (var (status, count) in figures.ActivitiesByStatus)
                    yield return Row(set, "activities_by_status", status, count);
                foreach (var cell in figures.Reach)
                    yield return Row(set, "reach", string.Join(' ', new[] { cell.Sex?.ToString(), cell.Age?.ToString() }.OfType<string>()).ToLowerInvariant(), cell.Count);
                foreach (var outcome in figures.Outcomes)
                {
                    yield return Row(set, $"outcome:{outcome.IndicatorCode}", null, outcome.Value, outcome.IsMinimum, outcome);
                    foreach (var split in outcome.Breakdown)
                        yield return Row(set, $"outcome:{outcome.IndicatorCode}", $"{split.Dimension.ToString().ToLowerInvariant()}/{split.Category}", split.Value);
                    if (outcome.Value is { } whole)
                        foreach (var row in Parts(outcome.Parts, whole))
                            yield return Row(set, $"outcome:{outcome.IndicatorCode}", row.Category, row.Value);
                }
            }
            foreach (var target in view.Targets ?? [])
            {
                yield return Row("target", $"target:{target.IndicatorCode}", target.Period, target.Target);
                yield return Row("all_reported", $"target:{target.IndicatorCode}", target.Period, target.ActualAllReported);
                yield return Row("approved", $"target:{target.IndicatorCode}", target.Period, target.ActualApproved);
            }
        }
    }

    /// <summary>Each part as a row, then what the parts of its dimension leave of <paramref name="whole"/>.</summary>
    static IEnumerable<(string Category, decimal Value)> Parts(IReadOnlyList<Activities.Part> parts, decimal whole) =>
        Activities.Part.ByDimension(parts, whole).SelectMany(d => d.Parts.Select(p => ($"{p.Dimension}/{p.Category}", p.Value))
            .Append(($"{d.Dimension}/not_stated", d.NotStated)));
}
