namespace ActivityTracker.Exchange.Exports;

/// <summary>
/// An export answered only once it is whole. Streamed straight into the response, a failure halfway (a value the
/// format cannot hold, a lost database connection) came after the 200 and its headers had gone out, so the client got
/// a cut-off, malformed file that looked like a success. Written to a temporary file first (memory stays flat however
/// many activities; the file goes when the answer is sent), a failure is an error status before the first byte, and
/// a success is sent with its length.
/// </summary>
public sealed class ExportDownload(Func<Stream, Task> write, string contentType, string fileName) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await write(file);
        file.Position = 0;
        await Results.Stream(file, contentType, fileName).ExecuteAsync(context);
    }
}
