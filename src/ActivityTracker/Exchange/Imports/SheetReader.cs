using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ActivityTracker.Decisions;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace ActivityTracker.Exchange.Imports;

/// <summary>A data row as the spreadsheet numbers it (the header is row 1), its cells as text.</summary>
/// <param name="Problem">Why the row could not be read as it stands (a stray quote, too many cells), or null.</param>
public sealed record SheetRow(int Number, IReadOnlyList<string?> Cells, string? Problem = null);

/// <summary>The file cannot be read from <paramref name="row"/> on (not UTF-8 text, not a workbook).</summary>
public sealed class UnreadableSheetException(int row, string message) : Exception(message)
{
    public int Row { get; } = row;
}

/// <summary>
/// Reads a CSV or .xlsx file a row at a time, never the whole file at once: CsvHelper's parser
/// over the stream, or MiniExcel's lazy row reader (an .xlsx is a zip, which needs a seekable
/// stream, so a forward-only one is first copied to a temporary file, not to memory).
/// Every cell comes out as invariant text: dates <c>yyyy-MM-dd</c>, numbers with a decimal point.
/// </summary>
public static class SheetReader
{
    public static IAsyncEnumerable<SheetRow> ReadAsync(Stream stream, SheetFormat format, CancellationToken ct) => format switch
    {
        SheetFormat.Csv => ReadCsvAsync(stream, ct),
        _ => ReadXlsxAsync(stream, ct),
    };

    static async IAsyncEnumerable<SheetRow> ReadCsvAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        // Strict UTF-8 (a BOM selects UTF-16 too): a Latin-1 file fails loudly instead of importing garbled names.
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        string? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Spreadsheets in Spanish save CSV with ';'.
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = args => badData ??= args.Field,
        };
        using var parser = new CsvParser(text, config);
        while (true)
        {
            bool more;
            try
            {
                more = await parser.ReadAsync();
            }
            catch (DecoderFallbackException)
            {
                throw new UnreadableSheetException(parser.Row + 1, Rules.Text("Import_NotUtf8"));
            }
            if (!more)
                yield break;
            ct.ThrowIfCancellationRequested();
            var cells = parser.Record ?? [];
            if (cells.All(string.IsNullOrWhiteSpace))
                continue;
            yield return new SheetRow(parser.Row, cells, badData is null ? null : Rules.Text("Import_StrayQuote", badData));
            badData = null;
        }
    }

    static async IAsyncEnumerable<SheetRow> ReadXlsxAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var seekable = stream.CanSeek ? null : await CopyToTemporaryFileAsync(stream, ct);
        IEnumerator<IDictionary<string, object?>> rows;
        try
        {
            rows = (seekable ?? stream).Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().GetEnumerator();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException)
        {
            throw new UnreadableSheetException(1, Rules.Text("Import_NotAWorkbook"));
        }
        using (rows)
        {
            var number = 0;
            while (true)
            {
                try
                {
                    if (!rows.MoveNext())
                        yield break;
                }
                catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException)
                {
                    throw new UnreadableSheetException(number + 1, Rules.Text("Import_NotAWorkbook"));
                }
                number++;
                ct.ThrowIfCancellationRequested();
                var cells = rows.Current.Values.Select(Text).ToList();
                // Trailing empty cells are formatting, not data.
                while (cells.Count > 0 && cells[^1] is null)
                    cells.RemoveAt(cells.Count - 1);
                if (cells.Count > 0)
                    yield return new SheetRow(number, cells);
            }
        }
    }

    static string? Text(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    static async Task<FileStream> CopyToTemporaryFileAsync(Stream source, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await source.CopyToAsync(file, ct);
        file.Position = 0;
        return file;
    }
}
