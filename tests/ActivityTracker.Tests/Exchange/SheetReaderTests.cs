using System.Text;
using ActivityTracker.Exchange;
using ActivityTracker.Exchange.Imports;

namespace ActivityTracker.Tests.Exchange;

// Reading a spreadsheet a row at a time: no database.
public class SheetReaderTests
{
    /// <summary>A CSV of <paramref name="rows"/> activities made as it is read, counting what the reader has taken.</summary>
    sealed class GeneratedCsv(int rows) : Stream
    {
        byte[] _pending = Encoding.UTF8.GetBytes(string.Join(',', ActivityColumns.Importable) + "\r\n");
        int _offset, _made;
        public long Taken { get; private set; }
        /// <summary>Data rows made so far (the header is row 1, so the last made is row <c>Made + 1</c>).</summary>
        public int Made => _made;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                if (_made == rows)
                    return 0;
                _made++;
                _pending = Encoding.UTF8.GetBytes($"R-{_made},job-fair,es,Feria de empleo número {_made} en Tijuana,,,,,,MX,Baja California,Tijuana,,,,MESO-CARIB,16020,labour-migration,40,,female adults=20,,,jobfair-hired=12,,iom=implementing,\r\n");
                _offset = 0;
            }
            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            Taken += n;
            return n;
        }

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

    [Fact]
    public async Task a_100k_row_file_is_read_as_it_streams_in_not_all_at_once()
    {
        var file = new GeneratedCsv(100_000);
        var rows = 0;
        var mostAhead = 0;

        await foreach (var row in SheetReader.ReadAsync(file, SheetFormat.Csv, CancellationToken.None))
        {
            rows++;
            // How many rows the reader has taken beyond the one it hands out: its buffer, not the file.
            mostAhead = Math.Max(mostAhead, file.Made + 1 - row.Number);
            if (row.Number > 1)
                Assert.NotNull(ActivityRow.Read(c => row.Cells[ActivityColumns.Importable.ToList().IndexOf(c)]).Command);
        }

        Assert.Equal(100_001, rows);
        Assert.True(file.Taken > 15_000_000, $"the file is {file.Taken} bytes");
        Assert.True(mostAhead < 100, $"the reader ran {mostAhead} rows ahead of the row it returned");
    }
}
