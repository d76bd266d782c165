using System.Net.Http.Headers;
using System.Text;
using ActivityTracker.Exchange.Imports;
using Alba;

namespace ActivityTracker.Tests.Exchange;

/// <summary>Uploading a file to <c>POST /api/imports</c> and waiting for its job, as a client would.</summary>
public static class ImportScenarios
{
    public static string CsvOf(IEnumerable<string> header, params IEnumerable<string?>[] rows) =>
        string.Join("\r\n", new[] { header.Cast<string?>() }.Concat(rows).Select(r => string.Join(',', r.Select(Quote)))) + "\r\n";

    static string Quote(string? cell) => cell is null ? "" : cell.IndexOfAny([',', '"', '\n', ';']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;

    public static Task<IScenarioResult> UploadAsync(this IAlbaHost host, string fileName, string csv, bool recordValidRows = false, int status = 202) =>
        host.UploadAsync(fileName, Encoding.UTF8.GetBytes(csv), recordValidRows, status);

    public static Task<IScenarioResult> UploadAsync(this IAlbaHost host, string fileName, byte[] content, bool recordValidRows = false, int status = 202) =>
        host.Scenario(s =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
            form.Add(file, "file", fileName);
            var send = s.Post.MultipartFormData(form).ToUrl("/api/imports");
            if (recordValidRows)
                send.QueryString("recordValidRows", "true");
            s.StatusCodeShouldBe(status);
        });

    /// <summary>Uploads and waits until the durable queue has run the job to its end.</summary>
    public static async Task<ImportJob> ImportAsync(this IAlbaHost host, string fileName, byte[] content, bool recordValidRows = false)
    {
        var job = (await (await host.UploadAsync(fileName, content, recordValidRows)).ReadAsJsonAsync<ImportJob>())!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!job.IsFinished)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The import is still {job.State} after a minute.");
            await Task.Delay(100);
            job = (await host.GetAsJson<ImportJob>($"/api/imports/{job.Id}"))!;
        }
        return job;
    }

    public static Task<ImportJob> ImportAsync(this IAlbaHost host, string fileName, string csv, bool recordValidRows = false) =>
        host.ImportAsync(fileName, Encoding.UTF8.GetBytes(csv), recordValidRows);

    public static async Task<IReadOnlyList<(int Row, string Column)>> ProblemsAsync(this IAlbaHost host, ImportJob job) =>
        (await host.GetAsJson<ImportProblemPage>($"/api/imports/{job.Id}/problems?pageSize=100"))!.Items.Select(p => (p.Row, p.Column)).ToList();
}
