using System.Buffers.Binary;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace ActivityTracker.Tests.Exchange;

/// <summary>
/// An .xlsx written part by part, as an attacker would: the smallest workbook a spreadsheet reader
/// accepts, with a sheet, shared strings and styles the test chooses (and may make huge or lying).
/// </summary>
public static class CraftedWorkbook
{
    const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook whose sheet is <paramref name="sheetData"/> (the rows' XML), written as it is made.</summary>
    public static byte[] Of(Action<TextWriter> sheetData, string? dimension = null, string? sharedStrings = null, string? styles = null,
        Action<TextWriter>? sharedStringsData = null)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
                """);
            Part(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Part(zip, "xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="activities" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Part(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """);
            Part(zip, "xl/styles.xml", styles ?? $"""<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{Main}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>""");
            Part(zip, "xl/sharedStrings.xml", text =>
            {
                text.Write($"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">""");
                text.Write(sharedStrings ?? "");
                sharedStringsData?.Invoke(text);
                text.Write("</sst>");
            });
            Part(zip, "xl/worksheets/sheet1.xml", text =>
            {
                text.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}">""");
                if (dimension is not null)
                    text.Write($"""<dimension ref="{dimension}"/>""");
                text.Write("<sheetData>");
                sheetData(text);
                text.Write("</sheetData></worksheet>");
            });
        }
        return file.ToArray();
    }

    /// <summary>A row of inline-string cells from column A on.</summary>
    public static string Row(int number, params string?[] cells) =>
        $"<row r=\"{number}\">" + string.Concat(cells.Select((c, i) => c is null ? "" : Text($"{Column(i)}{number}", c))) + "</row>";

    /// <summary>A cell holding <paramref name="text"/> itself (an inline string).</summary>
    public static string Text(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(text)}</t></is></c>";

    public static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + Column(index % 26);

    /// <summary>
    /// Makes the zip say that entry <paramref name="path"/> inflates to <paramref name="size"/> bytes, in its local
    /// header and in its central directory, whatever it really inflates to.
    /// </summary>
    public static byte[] Declaring(byte[] workbook, string path, uint size)
    {
        var bytes = workbook.ToArray();
        var name = Encoding.UTF8.GetBytes(path);
        for (var at = 0; at < bytes.Length - 46; at++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
            var (sizeAt, nameAt) = signature switch
            {
                0x04034b50 => (22, 30), // local file header
                0x02014b50 => (24, 46), // central directory header
                _ => (-1, -1),
            };
            if (sizeAt > 0 && bytes.AsSpan(at + nameAt, name.Length).SequenceEqual(name))
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + sizeAt), size);
        }
        return bytes;
    }

    static void Part(ZipArchive zip, string path, string content) => Part(zip, path, text => text.Write(content));

    static void Part(ZipArchive zip, string path, Action<TextWriter> write)
    {
        using var text = new StreamWriter(zip.CreateEntry(path, CompressionLevel.Fastest).Open(), new UTF8Encoding(false), 64 * 1024);
        write(text);
    }
}
