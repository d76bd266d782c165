using System.Globalization;
using ActivityTracker.Access;
using ActivityTracker.Cluster;
using JasperFx.CommandLine;
using Marten;
using Spectre.Console;

namespace ActivityTracker.Exchange.Imports;

public sealed class ImportInput : CommandInput
{
    [Description("The CSV or .xlsx file of activities (the columns of GET /api/imports/template.csv)")]
    public string File { get; set; } = "";

    [Description("Record the good rows even when others are bad (by default nothing is recorded when any row is bad)")]
    [FlagAlias("valid-rows", true)] // long only: -v is the host's --verbose
    public bool ValidRowsFlag { get; set; }
}

/// <summary>
/// The bulk import from a terminal: the same checks and recording as the upload, run at once in
/// this process with a progress bar. The operator imports with every programme and country in scope.
/// </summary>
[Description("Imports activities from a CSV or .xlsx file; prints every bad row and field, and fails (exit code 1) when the file is rejected", Name = "import")]
public sealed class ImportCommand : JasperFxAsyncCommand<ImportInput>
{
    const int ProblemsShown = 100;

    public override async Task<bool> Execute(ImportInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        if (!System.IO.File.Exists(input.File))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]import: there is no file {input.File}[/]");
            return false;
        }
        var requester = new ImportRequester($"cli:{Environment.UserName}", [Roles.Admin], [], [], CultureInfo.CurrentUICulture.Name);
        await using var file = System.IO.File.OpenRead(input.File);
        var answer = await services.GetRequiredService<ImportQueue>().AcceptAsync(requester, input.File, file, input.ValidRowsFlag, null, CancellationToken.None);
        if (answer is ImportQueue.Refused refused)
        {
            foreach (var message in refused.Errors.ByField.SelectMany(f => f.Value))
                AnsiConsole.MarkupLineInterpolated($"[red]import: {message}[/]");
            return false;
        }

        var job = ((ImportQueue.Accepted)answer).Job;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask($"Checking {Path.GetFileName(input.File)}");
                job = await services.GetRequiredService<ImportRunner>().RunAsync(job.Id, state =>
                {
                    bar.Description = $"{state.State} · {state.Rows} rows · {state.BadRows} bad";
                    bar.Value = state.Progress * 100;
                }, CancellationToken.None);
                bar.Value = 100;
            });

        await PrintProblemsAsync(services.GetRequiredService<IDocumentStore>(), job);
        AnsiConsole.MarkupLineInterpolated($"import: {job.State}: {job.Rows} rows, {job.BadRows} bad, {job.Recorded} activities recorded, {job.AlreadyThere} already there, {job.Corrected} corrected.");
        if (job.Failure is { } failure)
            AnsiConsole.MarkupLineInterpolated($"[red]{failure}[/]");
        return job.State == ImportState.Completed;
    }

    static async Task PrintProblemsAsync(IDocumentStore store, ImportJob job)
    {
        if (job.ProblemCount == 0)
            return;
        await using var session = store.QuerySession();
        var problems = await ImportProblem.Of(session, job.Id).Take(ProblemsShown).ToListAsync();
        foreach (var p in problems)
            AnsiConsole.MarkupLineInterpolated($"  row {p.Row}, {(p.Column.Length == 0 ? "row" : p.Column)}: {p.Message}");
        if (job.ProblemCount > problems.Count)
            AnsiConsole.MarkupLineInterpolated($"  … and {job.ProblemCount - problems.Count} more (GET /api/imports/{job.Id}/problems).");
    }
}
