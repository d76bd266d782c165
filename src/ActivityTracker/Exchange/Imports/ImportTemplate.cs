using System.Globalization;
using System.Text;
using ActivityTracker.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Wolverine.Http;

namespace ActivityTracker.Exchange.Imports;

/// <summary>
/// The file to fill in: the import columns (<see cref="ActivityColumns.Importable"/>) as a header
/// row. The .xlsx adds a second sheet, "guide", saying what each column holds, in the user's language.
/// </summary>
public static class ImportTemplate
{
    /// <summary>An empty CSV with the import columns.</summary>
    [Authorize]
    [WolverineGet("/api/imports/template.csv", Name = "ImportTemplateCsv"), Tags("Imports")]
    public static IResult Csv() =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join(',', ActivityColumns.Importable) + "\r\n")).ToArray(),
            "text/csv; charset=utf-8", "activities-template.csv");

    /// <summary>An empty workbook with the import columns, and a guide to them.</summary>
    [Authorize]
    [WolverineGet("/api/imports/template.xlsx", Name = "ImportTemplateXlsx"), Tags("Imports")]
    public static async Task<IResult> Xlsx(IStringLocalizer<ExchangeText> text, CancellationToken ct)
    {
        var header = ActivityColumns.Importable.Select((c, i) => (Key: Letter(i), Value: (object?)c)).ToDictionary(p => p.Key, p => p.Value);
        var guide = new List<Dictionary<string, object?>> { new() { ["A"] = text["Guide_Column"].Value, ["B"] = text["Guide_Required"].Value, ["C"] = text["Guide_Meaning"].Value } };
        guide.AddRange(ActivityColumns.Importable.Select(c => new Dictionary<string, object?>
        {
            ["A"] = c,
            ["B"] = text[ActivityColumns.Required.Contains(c) ? "Guide_Yes" : "Guide_No"].Value,
            ["C"] = text[$"Guide_{c}"].Value,
        }));
        var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new Dictionary<string, object> { ["activities"] = new[] { header }, ["guide"] = guide },
            printHeader: false, cancellationToken: ct);
        workbook.Position = 0;
        return Results.File(workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "activities-template.xlsx");
    }

    static string Letter(int index) => index < 26
        ? ((char)('A' + index)).ToString(CultureInfo.InvariantCulture)
        : Letter(index / 26 - 1) + Letter(index % 26);
}
