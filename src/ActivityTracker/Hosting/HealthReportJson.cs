using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActivityTracker.Hosting;

/// <summary>
/// A health report as JSON, in the shape health dashboards read (HealthChecks UI):
/// <c>{"status", "totalDuration", "entries": {name: {"status", "description", "duration", "tags", "data"}}}</c>.
/// The endpoint is anonymous, so a check that threw says so without the exception's text (the log has it).
/// </summary>
public static class HealthReportJson
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(Of(report), Json), context.RequestAborted);
    }

    sealed record Report(HealthStatus Status, TimeSpan TotalDuration, IReadOnlyDictionary<string, Entry> Entries);

    sealed record Entry(HealthStatus Status, string? Description, TimeSpan Duration, IEnumerable<string> Tags, IReadOnlyDictionary<string, object> Data);

    static Report Of(HealthReport report) => new(report.Status, report.TotalDuration,
        report.Entries.ToDictionary(e => e.Key, e => new Entry(
            e.Value.Status,
            e.Value.Exception is null ? e.Value.Description : "The check failed; the application log has the details.",
            e.Value.Duration,
            e.Value.Tags,
            e.Value.Data)));
}
