using Marten;

namespace ActivityTracker.Exchange.Imports;

/// <summary>A piece of an uploaded file. Pieces keep an upload of any size out of memory and in PostgreSQL, where every node can read it.</summary>
public sealed record ImportFilePiece(string Id, Guid ImportId, int Index, byte[] Bytes)
{
    public static string IdFor(Guid importId, int index) => $"{importId:N}/{index}";
}

/// <summary>
/// An uploaded file, kept in the event store's database in 1 MiB pieces until its import has run:
/// written a piece per transaction as it arrives, read back as a forward-only stream a piece at a
/// time, so neither end holds the whole file.
/// </summary>
public static class ImportFile
{
    public const int PieceBytes = 1024 * 1024;

    /// <returns>How many bytes were stored, or null when there are more than <paramref name="maxBytes"/> (then none are kept).</returns>
    public static async Task<long?> StoreAsync(IDocumentStore store, Guid importId, Stream content, long maxBytes, CancellationToken ct)
    {
        var buffer = new byte[PieceBytes];
        long size = 0;
        for (var index = 0; ; index++)
        {
            var read = await content.ReadAtLeastAsync(buffer, PieceBytes, throwOnEndOfStream: false, ct);
            if (read == 0)
                return size;
            if (size + read > maxBytes)
            {
                await DeleteAsync(store, importId, ct);
                return null;
            }
            await using var session = store.LightweightSession();
            session.Store(new ImportFilePiece(ImportFilePiece.IdFor(importId, index), importId, index, buffer[..read]));
            await session.SaveChangesAsync(ct);
            size += read;
        }
    }

    public static Stream Open(IDocumentStore store, Guid importId) => new PieceStream(store, importId);

    public static async Task DeleteAsync(IDocumentStore store, Guid importId, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.DeleteWhere<ImportFilePiece>(p => p.ImportId == importId);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Forward-only: loads the next piece when the current one is used up.</summary>
    sealed class PieceStream(IDocumentStore store, Guid importId) : Stream
    {
        byte[] _piece = [];
        int _offset, _next;
        bool _ended;

        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken ct = default)
        {
            if (_offset == _piece.Length && !_ended)
            {
                await using var session = store.QuerySession();
                var piece = await session.LoadAsync<ImportFilePiece>(ImportFilePiece.IdFor(importId, _next++), ct);
                (_piece, _offset, _ended) = piece is null ? ([], 0, true) : (piece.Bytes, 0, false);
            }
            var count = Math.Min(destination.Length, _piece.Length - _offset);
            _piece.AsMemory(_offset, count).CopyTo(destination);
            _offset += count;
            BytesRead += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        // For readers that read synchronously; the workbook reader reads its temporary copy instead.
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
