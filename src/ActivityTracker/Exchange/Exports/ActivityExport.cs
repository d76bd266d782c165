using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.Extensions.Localization;

namespace ActivityTracker.Exchange.Exports;

/// <summary>The ways activities leave the tracker: the spreadsheet row (CSV, Excel), the HXL 3W and IATI 2.03 XML.</summary>
public enum ExportFormat { Csv, Xlsx, Hxl, Iati }

/// <summary>
/// One export from start to end, for the API and the command line alike: the activities in a scope that match a
/// filter, streamed from the database in the list's order and written in one format.
/// </summary>
public static class ActivityExport
{
    public static string FileName(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "activities.csv",
        ExportFormat.Xlsx => "activities.xlsx",
        ExportFormat.Hxl => "3w-hxl.csv",
        _ => "iati.xml",
    };

    /// <summary>The format a file name of <see cref="FileName"/> asks for; null for any other name.</summary>
    public static ExportFormat? FormatOf(string file) =>
        Enum.GetValues<ExportFormat>().Cast<ExportFormat?>().FirstOrDefault(f => string.Equals(FileName(f!.Value), file, StringComparison.OrdinalIgnoreCase));

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Csv or ExportFormat.Hxl => Spreadsheet.CsvContentType,
        ExportFormat.Xlsx => Spreadsheet.XlsxContentType,
        _ => IatiActivities.ContentType,
    };

    /// <summary>How many activities an export of <paramref name="filter"/> within <paramref name="scope"/> holds (the command line's progress bar).</summary>
    public static async Task<int> CountAsync(IDocumentStore store, ExportFilter filter, AccessScope scope, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await filter.Query(session, scope).CountAsync(ct);
    }

    /// <summary>Writes the export; <paramref name="written"/> is called after each activity (progress).</summary>
    public static async Task WriteAsync(ExportFormat format, Stream output, IDocumentStore store, ReferenceData codes, IStringLocalizer<ExchangeText> text,
        ExportFilter filter, AccessScope scope, DateTimeOffset now, Action? written, CancellationToken ct)
    {
        // Its own session: the body is written after the endpoint's method has returned.
        await using var session = store.QuerySession();
        var registers = await ExportRegisters.LoadAsync(session, codes, ct);
        var activities = Counted(filter.Query(session, scope).ToAsyncEnumerable(ct), written);
        switch (format)
        {
            case ExportFormat.Csv:
                await Spreadsheet.WriteCsvAsync(output, ActivityColumns.Exported, Cells(activities), ct);
                break;
            case ExportFormat.Xlsx:
                await Spreadsheet.WriteXlsxAsync(output, ActivityColumns.Exported, Cells(activities), ct);
                break;
            case ExportFormat.Hxl:
                await Spreadsheet.WriteCsvAsync(output, ThreeW.Header(text), ThreeWRows(activities, registers), ct);
                break;
            default:
                await IatiActivities.WriteAsync(output, activities, registers, now, ct);
                break;
        }
    }

    static async IAsyncEnumerable<ActivityDetails> Counted(IAsyncEnumerable<ActivityDetails> activities, Action? written)
    {
        await foreach (var activity in activities)
        {
            yield return activity;
            written?.Invoke();
        }
    }

    static async IAsyncEnumerable<string?[]> Cells(IAsyncEnumerable<ActivityDetails> activities)
    {
        await foreach (var activity in activities)
            yield return ActivityRow.Cells(activity);
    }

    /// <summary>The hashtag row goes right under the header, as HXL wants, then the rows.</summary>
    static async IAsyncEnumerable<string?[]> ThreeWRows(IAsyncEnumerable<ActivityDetails> activities, ExportRegisters registers)
    {
        yield return [.. ThreeW.Hashtags];
        await foreach (var activity in activities)
            foreach (var row in ThreeW.Rows(activity, registers))
                yield return row;
    }
}
