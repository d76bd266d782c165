using System.Globalization;
using ActivityTracker.Access;
using ActivityTracker.Cluster;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Localization;
using Spectre.Console;

namespace ActivityTracker.Exchange.Exports;

/// <remarks>Flags whose first letter the host's own flags (-c config, -v verbose) or another flag (-s) already take are long only.</remarks>
public sealed class ExportInput : CommandInput
{
    // A string, not the enum: the command line parses enums by their exact case, and the formats are written in lower case.
    [Description("csv, xlsx, hxl (the 3W with HXL hashtags) or iati (IATI 2.03 XML)")]
    public string Format { get; set; } = "";

    [Description("The file to write (default: activities.csv, activities.xlsx, 3w-hxl.csv or iati.xml in the current folder)")]
    public string? OutFlag { get; set; }

    [Description("Only activities that took place (or were planned) on or after this date, yyyy-MM-dd")]
    public string? FromFlag { get; set; }

    [Description("Only activities that took place (or were planned) on or before this date, yyyy-MM-dd")]
    public string? ToFlag { get; set; }

    [Description("Only this programme's activities (code)")]
    public string? ProgrammeFlag { get; set; }

    [FlagAlias("country", true)]
    [Description("Only activities of this country (ISO alpha-2), as --role says: hosted (the default), taken part in, or either")]
    public string? CountryFlag { get; set; }

    [Description("What --country is to the activities: host (the default), taking-part (hosted elsewhere) or any")]
    public string? RoleFlag { get; set; }

    [Description("Only activities of this kind (code)")]
    public string? KindFlag { get; set; }

    [FlagAlias("status", true)]
    [Description("Only activities in this IATI status (name or code)")]
    public string? StatusFlag { get; set; }

    [FlagAlias("search", true)]
    [Description("Only activities whose title contains this text")]
    public string? SearchFlag { get; set; }
}

/// <summary>
/// <c>export FORMAT [--out FILE] [filters]</c>: the API's exports written to a file by an operator, with a progress bar.
/// The operator has the server, so the export covers every activity (an administrator's scope); the filters and
/// their checks are the API's.
/// </summary>
[Description("Exports the activities to a file: csv, xlsx, hxl (3W with HXL hashtags) or iati (IATI 2.03 XML), with the API's filters", Name = "export")]
public sealed class ExportCommand : JasperFxAsyncCommand<ExportInput>
{
    /// <summary>Who runs the command line: the server's operator, who sees everything.</summary>
    public static AccessScope Operator { get; } = new(new HashSet<string> { Roles.Admin }, new HashSet<string>(), new HashSet<string>());

    public override async Task<bool> Execute(ExportInput input)
    {
        using var host = input.BuildHost();
        if (!TryDate(input.FromFlag, "from", out var from) | !TryDate(input.ToFlag, "to", out var to))
            return false;
        var filter = new ExportFilter(from, to, input.ProgrammeFlag, input.CountryFlag, input.KindFlag, input.StatusFlag, input.SearchFlag, input.RoleFlag);
        if (FormatOf(input.Format) is not { } format)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]export: there is no format '{input.Format}'; use csv, xlsx, hxl or iati.[/]");
            return false;
        }
        var path = input.OutFlag ?? ActivityExport.FileName(format);
        return await RunAsync(host.Services, format, path, filter, AnsiConsole.Console, CancellationToken.None);
    }

    /// <returns>False, with each bad filter printed, when the filters are invalid; nothing is written then.</returns>
    /// <summary>The format named on the command line, in any case (<c>iati</c>, <c>IATI</c>); null for any other text, a number included.</summary>
    public static ExportFormat? FormatOf(string name) =>
        !int.TryParse(name, out _) && Enum.TryParse<ExportFormat>(name, ignoreCase: true, out var format) && Enum.IsDefined(format) ? format : null;

    public static async Task<bool> RunAsync(IServiceProvider services, ExportFormat format, string path, ExportFilter filter, IAnsiConsole console, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var codes = services.GetRequiredService<ReferenceData>();
        await using (var session = store.QuerySession())
        {
            var errors = await filter.CheckAsync(session, codes, ct);
            foreach (var (field, messages) in errors.ByField)
                console.MarkupLineInterpolated($"[red]--{field}[/]: {string.Join(" ", messages)}");
            if (!errors.IsEmpty)
                return false;
        }

        var total = await ActivityExport.CountAsync(store, filter, Operator, ct);
        var text = services.GetRequiredService<IStringLocalizer<ExchangeText>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"{format} → {path}", maxValue: Math.Max(total, 1));
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await ActivityExport.WriteAsync(format, file, store, codes, text, filter, Operator, now, () => task.Increment(1), ct);
            task.Value = task.MaxValue;
        });
        console.MarkupLineInterpolated($"export: {total} activities written to {Path.GetFullPath(path)}");
        return true;
    }

    static bool TryDate(string? text, string flag, out DateOnly? date)
    {
        date = null;
        if (text is null)
            return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        AnsiConsole.MarkupLineInterpolated($"[red]--{flag}[/]: {Localization.Messages.Text("Import_NotADate", text)}");
        return false;
    }
}
