namespace ActivityTracker.Http;

/// <summary>Limits, bound from <c>Limits</c>: sign-in attempts per client address and writes per user, per minute; the largest request body.</summary>
public sealed class LimitOptions
{
    public int SignInsPerMinute { get; set; } = 10;
    public int WritesPerMinute { get; set; } = 120;
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
    /// <summary>The largest file a bulk import takes (<c>POST /api/imports</c> and the import page).</summary>
    public long MaxImportBytes { get; set; } = 100L * 1024 * 1024;
}
