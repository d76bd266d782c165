using System.Diagnostics;
using System.Text;
using ActivityTracker.Exchange;
using ActivityTracker.Exchange.Imports;

namespace ActivityTracker.Tests.Exchange;

// Reading a spreadsheet a row at a time: no database.
public class SheetReaderTests
{
    /// <summary>A CSV of <paramref name="rows"/> activities made as it is read, counting what the reader has taken.</summary>
    sealed class GeneratedCsv(int rows) : GeneratedFile
    {
        byte[] _pending = Encoding.UTF8.GetBytes(string.Join(',', ActivityColumns.Importable) + "\r\n");
        int _offset, _made;
        /// <summary>Data rows made so far (the header is row 1, so the last made is row <c>Made + 1</c>).</summary>
        public int Made => _made;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                if (_made == rows)
                    return 0;
                _made++;
                _pending = Encoding.UTF8.GetBytes($"R-{_made},job-fair,es,Feria de empleo número {_made} en Tijuana,,,,,,,MX,Baja California,Tijuana,,,,MESO-CARIB,16020,labour-migration,40,,female adults=20,,,,jobfair-hired=12,,iom=implementing,,,,\r\n");
                _offset = 0;
            }
            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            Taken += n;
            return n;
        }
    }

    [Fact]
    public async Task a_100k_row_file_is_read_as_it_streams_in_not_all_at_once()
    {
        var file = new GeneratedCsv(100_000);
        var rows = 0;
        var mostAhead = 0;

        await foreach (var row in SheetReader.ReadAsync(file, SheetFormat.Csv, new ImportLimits(), CancellationToken.None))
        {
            rows++;
            // How many rows the reader has taken beyond the one it hands out: its buffer, not the file.
            mostAhead = Math.Max(mostAhead, file.Made + 1 - row.Number);
            if (row.Number > 1)
                Assert.NotNull(ActivityRow.Read(c => row.Cells[ActivityColumns.Importable.ToList().IndexOf(c)], "officer@test.local").Command);
        }

        Assert.Equal(100_001, rows);
        Assert.True(file.Taken > 15_000_000, $"the file is {file.Taken} bytes");
        Assert.True(mostAhead < 100, $"the reader ran {mostAhead} rows ahead of the row it returned");
    }

    static async Task<List<SheetRow>> ReadAsync(byte[] workbook, ImportLimits? limits = null)
    {
        var rows = new List<SheetRow>();
        await foreach (var row in SheetReader.ReadAsync(new MemoryStream(workbook), SheetFormat.Xlsx, limits ?? new ImportLimits(), CancellationToken.None))
            rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task workbook_cells_read_as_invariant_text_and_a_formula_as_its_formula()
    {
        // Style 1 shows a built-in date format (14), style 2 a custom one; style 3 a plain number.
        const string styles = """
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs></styleSheet>
            """;
        var workbook = CraftedWorkbook.Of(text => text.Write("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
            <row r="3"><c r="A3" s="1"><v>45422</v></c><c r="B3" s="2"><v>45423</v></c><c r="C3" s="3"><v>12.5</v></c><c r="D3" t="b"><v>1</v></c>
              <c r="F3" t="str"><f>CONCAT("a","b")</f><v>ab</v></c><c r="G3"><f t="shared" si="0"/><v>3</v></c><c r="H3" s="3"/></row>
            """), styles: styles, sharedStrings: "<si><t>title</t></si><si><r><t>pro</t></r><r><t>gramme</t></r><rPh><t>x</t></rPh></si>");

        var rows = await ReadAsync(workbook);

        Assert.Equal([1, 3], rows.Select(r => r.Number));
        Assert.Equal(["title", "programme"], rows[0].Cells);
        Assert.Equal(["2024-05-10", "2024-05-11", "12.5", "true", null, "=CONCAT(\"a\",\"b\")", "="], rows[1].Cells);
        // Read as a row, a formula is refused in its column as a typed one is, not imported as its cached value.
        Assert.True(SpreadsheetCell.Read(rows[1].Cells[5], out var formula) is null && formula);
    }

    [Theory]
    [InlineData(false)] // the zip says the sheet inflates to 64 MB: refused before reading it
    [InlineData(true)] // the zip says 1 KB: refused on reading past the bound, whatever the header says
    public async Task a_zip_bomb_is_refused_once_it_inflates_past_the_bound(bool lying)
    {
        var bomb = CraftedWorkbook.Of(text =>
        {
            text.Write(CraftedWorkbook.Row(1, "title"));
            text.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
            var spaces = new string(' ', 1024 * 1024);
            for (var i = 0; i < 64; i++)
                text.Write(spaces);
            text.Write("</t></is></c></row>");
        });
        if (lying)
            bomb = CraftedWorkbook.Declaring(bomb, "xl/worksheets/sheet1.xml", 1024);
        var limits = new ImportLimits { MaxSheetBytes = 1024 * 1024, MaxCellChars = int.MaxValue };
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<UnreadableSheetException>(() => ReadAsync(bomb, limits));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"refused after {watch.Elapsed}");
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes");
    }

    [Fact]
    public async Task a_cell_longer_than_the_limit_is_refused_while_it_is_read()
    {
        var workbook = CraftedWorkbook.Of(text => text.Write(CraftedWorkbook.Row(1, "title") + CraftedWorkbook.Row(2, new string('a', 40_000))));

        var refused = await Assert.ThrowsAsync<UnreadableSheetException>(() => ReadAsync(workbook));

        Assert.Equal(2, refused.Row);
        Assert.Contains("32767", refused.Message.Replace(",", "").Replace(".", ""));
    }

    /// <summary>A file made as it is read, counting what the reader took.</summary>
    abstract class GeneratedFile : Stream
    {
        public long Taken { get; protected set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Taken; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A header, then a row of commas that never ends: what a 99 MB line of commas looks like to the reader.</summary>
    sealed class EndlessCommas : GeneratedFile
    {
        static readonly byte[] Header = "title,kind\n"u8.ToArray();
        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++, Taken++)
                buffer[offset + i] = Taken < Header.Length ? Header[Taken] : (byte)',';
            return count;
        }
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task a_csv_row_longer_than_its_columns_could_hold_is_refused_while_it_is_read()
    {
        var file = new EndlessCommas();

        var refused = await Assert.ThrowsAsync<UnreadableSheetException>(async () =>
        {
            await foreach (var _ in SheetReader.ReadAsync(file, SheetFormat.Csv, new ImportLimits(), CancellationToken.None)) { }
        });

        Assert.Equal(2, refused.Row);
        // 51 columns of at most 32,767 characters, not the gigabytes the parser would have buffered.
        Assert.True(file.Taken < 4 * 1024 * 1024, $"the reader took {file.Taken:N0} bytes before refusing the row");
    }
}
