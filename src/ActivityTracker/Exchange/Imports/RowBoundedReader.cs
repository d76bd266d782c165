namespace ActivityTracker.Exchange.Imports;

/// <summary>
/// The text of a CSV upload, counted per row: CsvHelper buffers a whole record before the columns can be
/// counted, and <c>MaxFieldSize</c> bounds one field, not a row, so a 99 MB line of commas grew the app by
/// gigabytes. <see cref="SheetReader"/> calls <see cref="NextRow"/> after each record; a row that reads past
/// <paramref name="maxChars"/> (more than every allowed column at its longest could hold) stops the read at
/// once, and so does the job's cancellation, checked on every buffer read.
/// </summary>
sealed class RowBoundedReader(TextReader inner, long maxChars, CancellationToken ct) : TextReader
{
    long _read;

    /// <summary>Raised (from a read) when one row goes past the bound.</summary>
    public sealed class RowTooLongException() : Exception("A CSV row is longer than the columns allowed could hold.");

    public void NextRow() => _read = 0;

    int Counted(int n)
    {
        ct.ThrowIfCancellationRequested();
        if ((_read += n) > maxChars)
            throw new RowTooLongException();
        return n;
    }

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0)
            Counted(1);
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Counted(inner.Read(buffer, index, count));

    public override int Read(Span<char> buffer) => Counted(inner.Read(buffer));

    public override async Task<int> ReadAsync(char[] buffer, int index, int count) => Counted(await inner.ReadAsync(buffer, index, count));

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
