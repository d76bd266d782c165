using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ActivityTracker.Decisions;
using MiniExcelLibs;

namespace ActivityTracker.Exchange.Exports;

/// <summary>
/// Writes rows of text as CSV or as an Excel workbook. Every cell, header included, goes through
/// <see cref="Cell"/> here, in the one place every export writes through, so no export can forget it:
/// formulas neutralised (formula injection) and text stored before <see cref="PlainText"/> was enforced mended
/// (a workbook is XML, which cannot hold U+FFFF).
/// </summary>
public static class Spreadsheet
{
    static readonly System.Buffers.SearchValues<char> ListSeparators = System.Buffers.SearchValues.Create(",;\t");

    /// <summary>
    /// RFC 4180, UTF-8 with a byte-order mark (Excel reads accents right only with it; CSV readers skip it). CsvHelper's own
    /// injection escaping stays off: <see cref="SpreadsheetCell"/> neutralises in the way the importer undoes.
    /// A cell holding any list separator is quoted, not only one holding a comma: Excel set to <c>;</c> (Spanish) would
    /// otherwise split <c>a;=cmd()</c> into a second cell that starts like a formula.
    /// </summary>
    static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.None,
        ShouldQuote = args => ConfigurationFunctions.ShouldQuote(args) || args.Field.AsSpan().IndexOfAny(ListSeparators) >= 0,
    };

    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Streams the rows to <paramref name="output"/> (CsvHelper writes its buffer out as it fills), so memory does not grow with the export.</summary>
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> header, IAsyncEnumerable<string?[]> rows, CancellationToken ct)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, Csv, leaveOpen: true);
        await WriteRecordAsync(csv, header);
        await foreach (var row in rows.WithCancellation(ct))
            await WriteRecordAsync(csv, row);
        await csv.FlushAsync();
    }

    static async Task WriteRecordAsync(CsvWriter csv, IEnumerable<string?> cells)
    {
        foreach (var cell in cells)
            csv.WriteField(Cell(cell) ?? "");
        await csv.NextRecordAsync();
    }

    /// <summary>
    /// One sheet, the header as its first row, every cell as text (so the workbook reads back exactly as the CSV does).
    /// A workbook is a zip whose directory is written last, which needs synchronous writes that ASP.NET Core refuses
    /// on a response: <paramref name="output"/> is a file (the API writes into <see cref="ExportDownload"/>'s).
    /// </summary>
    public static async Task WriteXlsxAsync(Stream output, IReadOnlyList<string> header, IAsyncEnumerable<string?[]> rows, CancellationToken ct) =>
        await MiniExcel.SaveAsAsync(output, Lines(header, rows, ct), printHeader: false, excelType: ExcelType.XLSX, cancellationToken: ct);

    // MiniExcel takes each row as a dictionary; keys give the column order, the header is the first line.
    static async IAsyncEnumerable<IDictionary<string, object?>> Lines(IReadOnlyList<string> header, IAsyncEnumerable<string?[]> rows,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        yield return Line(header, header);
        await foreach (var row in rows.WithCancellation(ct))
            yield return Line(header, row);
    }

    static string? Cell(string? text) => SpreadsheetCell.Neutralise(PlainText.Mend(text));

    static Dictionary<string, object?> Line(IReadOnlyList<string> header, IReadOnlyList<string?> cells)
    {
        var line = new Dictionary<string, object?>(header.Count);
        for (var i = 0; i < header.Count; i++)
            line[header[i]] = Cell(i < cells.Count ? cells[i] : null);
        return line;
    }
}
