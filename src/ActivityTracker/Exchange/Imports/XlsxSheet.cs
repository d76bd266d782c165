using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using ActivityTracker.Localization;

namespace ActivityTracker.Exchange.Imports;

/// <summary>
/// The first sheet of an .xlsx workbook, read a row at a time with <see cref="XmlReader"/> straight
/// from the zip. Only what an import needs is read (the sheet, its shared strings, which styles are
/// dates), and every part is bounded (<see cref="ImportLimits"/>) before and while it is read: its
/// declared and its actual inflated size, the declared dimension, columns, rows, cell length. A
/// general reader (MiniExcel) builds every row as wide as the widest column and trusts the declared
/// dimension, so a 7 KB file could cost minutes.
/// A formula cell reads as its formula (<c>=SUM(A1)</c>), as a CSV would carry it, so the row's
/// reading refuses it like any typed formula instead of importing its cached value.
/// </summary>
sealed class XlsxSheet : IDisposable
{
    const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const string RelationshipNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const string PackageRelationshipNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true, CloseInput = true,
    };

    /// <summary>A workbook has a few dozen parts; a zip's index is read whole on opening, so its size is checked first.</summary>
    const int MaxParts = 1000;

    readonly ZipArchive _zip;
    readonly ImportLimits _limits;
    readonly string _sheet;
    readonly List<string> _sharedStrings = [];
    readonly HashSet<int> _dateStyles = [];

    XlsxSheet(ZipArchive zip, ImportLimits limits, string sheet)
    {
        (_zip, _limits, _sheet) = (zip, limits, sheet);
    }

    /// <summary>Opens the workbook and reads what the rows refer to: the sheet's place, its shared strings and date styles.</summary>
    /// <exception cref="UnreadableSheetException">Not a workbook, or past a limit.</exception>
    public static XlsxSheet Open(Stream stream, ImportLimits limits)
    {
        if (DeclaredParts(stream) > MaxParts)
            throw Refused(1, "Import_TooManyParts", MaxParts);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw NotAWorkbook(1);
        }
        try
        {
            var parts = Relationships(zip, limits);
            var sheet = parts.Sheet ?? throw NotAWorkbook(1);
            var workbook = new XlsxSheet(zip, limits, sheet);
            if (parts.SharedStrings is { } strings && zip.GetEntry(strings) is not null)
                workbook.ReadSharedStrings(strings);
            if (parts.Styles is { } styles && zip.GetEntry(styles) is not null)
                workbook.ReadDateStyles(styles);
            return workbook;
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or FormatException)
        {
            zip.Dispose();
            throw NotAWorkbook(1);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>The rows that hold a value, each as wide as its last value; the header is row 1.</summary>
    public IEnumerable<SheetRow> Rows(CancellationToken ct)
    {
        using var xml = Part(_sheet, _limits.MaxSheetBytes);
        var rowNumber = 0;
        while (xml.Read())
        {
            if (xml.IsStartElement("dimension", MainNs))
                CheckDimension(xml.GetAttribute("ref"));
            else if (xml.IsStartElement("row", MainNs))
            {
                ct.ThrowIfCancellationRequested();
                // Rows come in order, so the last row's number bounds how many were read.
                var number = xml.GetAttribute("r") is { } r ? Number(r, rowNumber) : rowNumber + 1;
                rowNumber = number > rowNumber ? number : throw NotAWorkbook(rowNumber + 1);
                if (rowNumber > _limits.MaxRows + 1)
                    throw Refused(rowNumber, "Import_TooManyRows", _limits.MaxRows);
                var cells = Cells(xml, rowNumber);
                // Trailing empty cells are formatting, not data.
                while (cells.Count > 0 && cells[^1] is null)
                    cells.RemoveAt(cells.Count - 1);
                if (cells.Count > 0)
                    yield return new SheetRow(rowNumber, cells);
            }
        }
    }

    /// <summary>Reads one <c>row</c> element's cells, the reader left at its end.</summary>
    List<string?> Cells(XmlReader xml, int rowNumber)
    {
        var cells = new List<string?>();
        if (xml.IsEmptyElement)
            return cells;
        var depth = xml.Depth;
        while (xml.Read() && xml.Depth > depth)
        {
            if (!xml.IsStartElement("c", MainNs))
                continue;
            var column = xml.GetAttribute("r") is { } reference ? ColumnOf(reference, rowNumber) : cells.Count;
            if (column >= _limits.MaxColumns)
                throw Refused(rowNumber, "Import_TooManyColumns", _limits.MaxColumns);
            if (column < cells.Count)
                throw NotAWorkbook(rowNumber);
            var text = Cell(xml, rowNumber);
            while (cells.Count < column)
                cells.Add(null);
            cells.Add(text);
        }
        return cells;
    }

    /// <summary>One <c>c</c> element as text: dates <c>yyyy-MM-dd</c>, numbers with a decimal point, formulas as <c>=</c> and the formula.</summary>
    string? Cell(XmlReader xml, int rowNumber)
    {
        var type = xml.GetAttribute("t");
        var style = int.TryParse(xml.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        if (xml.IsEmptyElement)
            return null;
        string? value = null, formula = null;
        var depth = xml.Depth;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.IsStartElement("f", MainNs))
                formula = "=" + Text(xml, rowNumber);
            else if (xml.IsStartElement("v", MainNs))
                value = Text(xml, rowNumber);
            else if (xml.IsStartElement("is", MainNs))
                value = RichText(xml, rowNumber);
        }
        if (formula is not null)
            return formula;
        if (string.IsNullOrWhiteSpace(value))
            return null;
        return type switch
        {
            "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < _sharedStrings.Count
                ? Blank(_sharedStrings[i]) : throw NotAWorkbook(rowNumber),
            "b" => value.Trim() == "1" ? "true" : "false",
            "inlineStr" or "str" or "e" => value,
            "d" => DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var d) ? SheetReader.Text(d) : value,
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) =>
                _dateStyles.Contains(style) && n is >= -657_435 and < 2_958_466 ? SheetReader.Text(DateTime.FromOADate(n)) : SheetReader.Text(n),
            _ => value,
        };
    }

    static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>A string item (<c>si</c>, <c>is</c>): its text runs, without phonetic guides (<c>rPh</c>).</summary>
    string RichText(XmlReader xml, int rowNumber)
    {
        if (xml.IsEmptyElement)
            return "";
        var text = new StringBuilder();
        var depth = xml.Depth;
        xml.Read();
        while (!xml.EOF && xml.Depth > depth)
        {
            if (xml.IsStartElement("rPh", MainNs))
            {
                xml.Skip();
                continue;
            }
            if (xml.IsStartElement("t", MainNs))
                Append(text, xml, rowNumber);
            xml.Read();
        }
        return text.ToString();
    }

    string Text(XmlReader xml, int rowNumber)
    {
        var text = new StringBuilder();
        Append(text, xml, rowNumber);
        return text.ToString();
    }

    /// <summary>Adds an element's text to <paramref name="text"/> a chunk at a time, refusing it as soon as the cell would be too long.</summary>
    void Append(StringBuilder text, XmlReader xml, int rowNumber)
    {
        if (xml.IsEmptyElement)
            return;
        var chunk = new char[4096];
        var depth = xml.Depth;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace))
                continue;
            int read;
            while ((read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
            {
                if (text.Length + read > _limits.MaxCellChars)
                    throw Refused(rowNumber, "Import_CellTooLong", _limits.MaxCellChars);
                text.Append(chunk, 0, read);
            }
        }
    }

    void ReadSharedStrings(string path)
    {
        using var xml = Part(path, _limits.MaxPartBytes);
        while (xml.Read())
        {
            if (!xml.IsStartElement("si", MainNs))
                continue;
            if (_sharedStrings.Count == _limits.MaxSharedStrings)
                throw Refused(1, "Import_TooManyTexts", _limits.MaxSharedStrings);
            // A shared string too long for a cell is refused as if typed in row 1: it is read before any row.
            _sharedStrings.Add(RichText(xml, 1));
        }
    }

    /// <summary>The cell styles (<c>cellXfs</c>) whose number format shows a date: a date cell holds a day number.</summary>
    void ReadDateStyles(string path)
    {
        using var xml = Part(path, _limits.MaxPartBytes);
        var customDates = new HashSet<int>();
        var style = -1;
        var inCellStyles = false;
        while (xml.Read())
        {
            if (xml.IsStartElement("numFmt", MainNs) && IsDateFormat(xml.GetAttribute("formatCode")))
                customDates.Add(int.Parse(xml.GetAttribute("numFmtId") ?? "-1", CultureInfo.InvariantCulture));
            else if (xml.IsStartElement("cellXfs", MainNs))
                inCellStyles = !xml.IsEmptyElement;
            else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
                inCellStyles = false;
            else if (inCellStyles && xml.IsStartElement("xf", MainNs))
            {
                style++;
                var format = int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : 0;
                if (format is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58 || customDates.Contains(format))
                    _dateStyles.Add(style);
            }
        }
    }

    /// <summary>A custom number format shows a date when, outside quoted text and [sections], it has a day, month, year, hour or second.</summary>
    static bool IsDateFormat(string? code)
    {
        if (code is null)
            return false;
        var plain = new StringBuilder();
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
                i = Math.Max(i, code.IndexOf('"', i + 1) is var end and >= 0 ? end : code.Length);
            else if (c == '[')
                i = Math.Max(i, code.IndexOf(']', i + 1) is var end and >= 0 ? end : code.Length);
            else if (c is '\\' or '_' or '*')
                i++;
            else
                plain.Append(char.ToLowerInvariant(c));
        }
        return plain.ToString().IndexOfAny(['d', 'm', 'y', 'h', 's']) >= 0 && !plain.ToString().Contains("general", StringComparison.Ordinal);
    }

    /// <summary>The first sheet's part and the workbook's shared strings and styles parts, from the workbook's index.</summary>
    static (string? Sheet, string? SharedStrings, string? Styles) Relationships(ZipArchive zip, ImportLimits limits)
    {
        string? sheetId = null;
        using (var workbook = Part(zip, "xl/workbook.xml", limits.MaxPartBytes, limits))
            while (sheetId is null && workbook.Read())
                if (workbook.IsStartElement("sheet", MainNs))
                    sheetId = workbook.GetAttribute("id", RelationshipNs);

        string? sheet = null, sharedStrings = null, styles = null;
        using var relationships = Part(zip, "xl/_rels/workbook.xml.rels", limits.MaxPartBytes, limits);
        while (relationships.Read())
        {
            if (!relationships.IsStartElement("Relationship", PackageRelationshipNs) || relationships.GetAttribute("Target") is not { } target)
                continue;
            var path = target.StartsWith('/') ? target[1..] : "xl/" + target;
            var type = relationships.GetAttribute("Type") ?? "";
            if (relationships.GetAttribute("Id") == sheetId)
                sheet = path;
            else if (type.EndsWith("/sharedStrings", StringComparison.Ordinal))
                sharedStrings = path;
            else if (type.EndsWith("/styles", StringComparison.Ordinal))
                styles = path;
        }
        return (sheet, sharedStrings, styles);
    }

    /// <summary>The declared dimension (<c>A1:XFD200</c>) is the first sign of a sheet too large: refused before any row.</summary>
    void CheckDimension(string? reference)
    {
        var last = reference?.Split(':')[^1];
        if (string.IsNullOrEmpty(last))
            return;
        var row = RowOf(last);
        if (ColumnOf(last, 1) >= _limits.MaxColumns)
            throw Refused(1, "Import_TooManyColumns", _limits.MaxColumns);
        if (row > _limits.MaxRows + 1)
            throw Refused(1, "Import_TooManyRows", _limits.MaxRows);
    }

    /// <summary>
    /// The entry count a zip's end record declares (ZipArchive checks it against the index it reads), or 0 when
    /// there is no end record (then ZipArchive says it is no zip). A zip64 end record declares 0xFFFF: too many.
    /// </summary>
    static int DeclaredParts(Stream stream)
    {
        const int EndRecord = 22;
        var tail = (int)Math.Min(stream.Length, EndRecord + ushort.MaxValue);
        var buffer = new byte[tail];
        stream.Seek(-tail, SeekOrigin.End);
        stream.ReadExactly(buffer);
        stream.Position = 0;
        for (var at = tail - EndRecord; at >= 0; at--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at)) == 0x06054b50)
                return BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(at + 10));
        return 0;
    }

    XmlReader Part(string path, long maxBytes) => Part(_zip, path, maxBytes, _limits);

    /// <summary>
    /// The most bytes between two markup characters (<c>&lt;</c>, <c>&gt;</c>): a cell's longest text, escaped, with room
    /// to spare. XmlReader holds a whole name or attribute value in memory, so a 500 MB attribute would cost gigabytes.
    /// </summary>
    static long MaxStretch(ImportLimits limits) => 8L * limits.MaxCellChars + 1024;

    /// <summary>
    /// A part of the zip to read, refused when its declared size is past <paramref name="maxBytes"/>
    /// and cut off when what it inflates to goes past it (a zip's sizes are the writer's word).
    /// </summary>
    static XmlReader Part(ZipArchive zip, string path, long maxBytes, ImportLimits limits)
    {
        var entry = zip.GetEntry(path) ?? throw NotAWorkbook(1);
        if (entry.Length > maxBytes)
            throw Refused(1, "Import_PartTooLarge", path, maxBytes / (1024 * 1024));
        return XmlReader.Create(new BoundedStream(entry.Open(), maxBytes, MaxStretch(limits), path), Xml);
    }

    /// <summary>The zero-based column of a cell reference (<c>AB12</c> is 27); a reference past Excel's last column is not a workbook.</summary>
    static int ColumnOf(string reference, int rowNumber)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
                break;
            column = column * 26 + (c - 'A' + 1);
            if (column > 16_384)
                throw NotAWorkbook(rowNumber);
        }
        return column == 0 ? throw NotAWorkbook(rowNumber) : column - 1;
    }

    static int RowOf(string reference) => Number(reference.TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray()), 0);

    static int Number(string text, int rowNumber) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw NotAWorkbook(rowNumber + 1);

    static UnreadableSheetException NotAWorkbook(int row) => new(row, Messages.Text("Import_NotAWorkbook"));

    static UnreadableSheetException Refused(int row, string text, params object[] args) => new(row, Messages.Text(text, args));

    /// <summary>
    /// Reads at most a number of bytes from a part, then refuses it: the bound holds whatever the zip's header claims.
    /// Also refuses a stretch without markup longer than <paramref name="maxStretch"/> before XmlReader buffers it.
    /// </summary>
    sealed class BoundedStream(Stream inner, long maxBytes, long maxStretch, string path) : Stream
    {
        long _read, _stretch;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            _read += read;
            if (_read > maxBytes)
                throw Refused(1, "Import_PartTooLarge", path, maxBytes / (1024 * 1024));
            for (var rest = buffer.AsSpan(offset, read); ;)
            {
                var markup = rest.IndexOfAny((byte)'<', (byte)'>');
                _stretch += markup < 0 ? rest.Length : markup;
                if (_stretch > maxStretch)
                    throw NotAWorkbook(1);
                if (markup < 0)
                    break;
                _stretch = 0;
                rest = rest[(markup + 1)..];
            }
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
