using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ActivityTracker.Localization;
using CsvHelper;
using CsvHelper.Configuration;

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
/// over the stream, or <see cref="XlsxSheet"/> over the zip (an .xlsx is a zip, which needs a
/// seekable stream, so a forward-only one is first copied to a temporary file, not to memory).
/// Every cell comes out as invariant text: dates <c>yyyy-MM-dd</c>, numbers with a decimal point.
/// A file past one of the <see cref="ImportLimits"/> (columns, rows, a cell's length) is unreadable
/// from the row where it goes past it.
/// </summary>
public static class SheetReader
{
    public static IAsyncEnumerable<SheetRow> ReadAsync(Stream stream, SheetFormat format, ImportLimits limits, CancellationToken ct) => format switch
    {
        SheetFormat.Csv => ReadCsvAsync(stream, limits, ct),
        _ => ReadXlsxAsync(stream, limits, ct),
    };

    static async IAsyncEnumerable<SheetRow> ReadCsvAsync(Stream stream, ImportLimits limits, [EnumeratorCancellation] CancellationToken ct)
    {
        // Strict UTF-8 (a BOM selects UTF-16 too): a Latin-1 file fails loudly instead of importing garbled names.
        // A row can hold every allowed column at its longest, quoted, plus the parser's read-ahead; never more.
        var maxRowChars = (long)limits.MaxColumns * (limits.MaxCellChars + 3) + 64 * 1024;
        using var text = new RowBoundedReader(
            new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true), maxRowChars, ct);
        string? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Spreadsheets in Spanish save CSV with ';'.
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = args => badData ??= args.Field,
            MaxFieldSize = limits.MaxCellChars,
        };
        using var parser = new CsvParser(text, config);
        var records = 0;
        while (true)
        {
            bool more;
            try
            {
                more = await parser.ReadAsync();
            }
            catch (DecoderFallbackException)
            {
                throw new UnreadableSheetException(parser.Row + 1, Messages.Text("Import_NotUtf8"));
            }
            catch (MaxFieldSizeException)
            {
                throw new UnreadableSheetException(parser.Row, Messages.Text("Import_CellTooLong", limits.MaxCellChars));
            }
            catch (RowBoundedReader.RowTooLongException)
            {
                throw new UnreadableSheetException(parser.Row, Messages.Text("Import_RowTooLong", maxRowChars, limits.MaxColumns));
            }
            if (!more)
                yield break;
            text.NextRow();
            ct.ThrowIfCancellationRequested();
            // Counted before the cells are made into strings: a row of 100,000 empty cells costs nothing more.
            if (parser.Count > limits.MaxColumns)
                throw new UnreadableSheetException(parser.Row, Messages.Text("Import_TooManyColumns", limits.MaxColumns));
            if (++records > limits.MaxRows + 1)
                throw new UnreadableSheetException(parser.Row, Messages.Text("Import_TooManyRows", limits.MaxRows));
            var cells = parser.Record ?? [];
            if (cells.All(string.IsNullOrWhiteSpace))
                continue;
            yield return new SheetRow(parser.Row, cells, badData is null ? null : Messages.Text("Import_StrayQuote", badData));
            badData = null;
        }
    }

    static async IAsyncEnumerable<SheetRow> ReadXlsxAsync(Stream stream, ImportLimits limits, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var seekable = stream.CanSeek ? null : await CopyToTemporaryFileAsync(stream, ct);
        using var sheet = XlsxSheet.Open(seekable ?? stream, limits);
        using var rows = sheet.Rows(ct).GetEnumerator();
        var number = 1;
        while (true)
        {
            try
            {
                if (!rows.MoveNext())
                    yield break;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or FormatException)
            {
                throw new UnreadableSheetException(number, Messages.Text("Import_NotAWorkbook"));
            }
            number = rows.Current.Number + 1;
            yield return rows.Current;
        }
    }

    /// <summary>A cell's value as invariant text, null when blank.</summary>
    internal static string? Text(object? value) => value switch
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
