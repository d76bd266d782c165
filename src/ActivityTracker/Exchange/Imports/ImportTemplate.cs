using System.Globalization;
using System.Text;
using ActivityTracker.Activities;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Wolverine.Http;

namespace ActivityTracker.Exchange.Imports;

/// <summary>
/// The file to fill in: the import columns (<see cref="ActivityColumns.Importable"/>) as a header
/// row. The .xlsx adds a sheet "guide", saying what each column holds, and a sheet "codes" with the codes the coded columns
/// take (<see cref="CodeRows"/>), both in the user's language.
/// </summary>
public static class ImportTemplate
{
    /// <summary>An empty CSV with the import columns.</summary>
    [Authorize]
    [WolverineGet("/api/imports/template.csv", Name = "ImportTemplateCsv"), Tags("Imports")]
    public static IResult Csv() =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join(',', ActivityColumns.Importable) + "\r\n")).ToArray(),
            "text/csv; charset=utf-8", "activities-template.csv");

    /// <summary>An empty workbook with the import columns, a guide to them, and the codes they take as the importer reads them today.</summary>
    [Authorize]
    [WolverineGet("/api/imports/template.xlsx", Name = "ImportTemplateXlsx"), Tags("Imports")]
    public static async Task<IResult> Xlsx(IStringLocalizer<ExchangeText> text, IQuerySession session, ReferenceData codes, CancellationToken ct)
    {
        var catalog = await Catalog.LoadAllAsync(session, codes, ct);
        var listed = CodeRows(catalog).SelectMany(r => r.Column.Split("; ")).ToHashSet(StringComparer.Ordinal);
        var header = ActivityColumns.Importable.Select((c, i) => (Key: Letter(i), Value: (object?)c)).ToDictionary(p => p.Key, p => p.Value);
        var guide = new List<Dictionary<string, object?>> { new() { ["A"] = text["Guide_Column"].Value, ["B"] = text["Guide_Required"].Value, ["C"] = text["Guide_Meaning"].Value } };
        guide.AddRange(ActivityColumns.Importable.Select(c => new Dictionary<string, object?>
        {
            ["A"] = c,
            ["B"] = text[ActivityColumns.Required.Contains(c) ? "Guide_Yes" : "Guide_No"].Value,
            ["C"] = text[$"Guide_{c}"].Value + (listed.Contains(c) ? " " + text["Guide_SeeCodes"].Value : ""),
        }));
        var codeSheet = new List<Dictionary<string, object?>> { new() { ["A"] = text["Guide_Column"].Value, ["B"] = text["Guide_Code"].Value, ["C"] = text["Guide_Name"].Value } };
        codeSheet.AddRange(CodeRows(catalog).Select(r => new Dictionary<string, object?> { ["A"] = r.Column, ["B"] = r.Code, ["C"] = r.Name }));
        var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new Dictionary<string, object> { ["activities"] = new[] { header }, ["guide"] = guide, ["codes"] = codeSheet },
            printHeader: false, cancellationToken: ct);
        workbook.Position = 0;
        return Results.File(workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "activities-template.xlsx");
    }

    /// <summary>
    /// The codes each coded column takes, from the catalog the importer checks rows against (so the guide cannot list a code it
    /// refuses or leave out one it takes), named in the user's language; organisations merged into another are left out.
    /// </summary>
    public static IEnumerable<(string Column, string Code, string Name)> CodeRows(Catalog catalog)
    {
        bool spanish = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";
        string Name(string en, string es) => spanish ? es : en;
        foreach (var kind in catalog.Kinds.Values)
            yield return (ActivityColumns.Kind, kind.Code, Names.Of(kind));
        foreach (var language in catalog.Codes.Languages.Values)
            yield return (ActivityColumns.Language, language.Code, Names.Of(language));
        foreach (var programme in catalog.Programmes.Values.OrderBy(p => p.Code, StringComparer.Ordinal))
            yield return (ActivityColumns.Programme, programme.Code, Name(programme.NameEn, programme.NameEs));
        foreach (var country in catalog.Codes.Countries.Values.OrderBy(c => c.Alpha2, StringComparer.Ordinal))
            yield return (Countries, country.Alpha2, Name(country.NameEn, country.NameEs));
        foreach (var sector in catalog.Codes.Sectors.Values)
            yield return (ActivityColumns.Sector, sector.Code, Names.Of(sector));
        foreach (var theme in catalog.Codes.Themes.Values)
            yield return (ActivityColumns.Tags, theme.Code, Names.Of(theme));
        foreach (var indicator in catalog.Indicators.Values.OrderBy(i => i.Code, StringComparer.Ordinal))
            yield return (Indicators, indicator.Code, Name(indicator.NameEn, indicator.NameEs));
        foreach (var organisation in catalog.Organisations.Values.Where(o => o.MergedIntoCode is null).OrderBy(o => o.Code, StringComparer.Ordinal))
            yield return (ActivityColumns.Partners, organisation.Code, organisation.Name);
        // A defined dimension, then its own categories as a part names them (an organisations dimension takes the partners' codes).
        foreach (var dimension in catalog.Dimensions.Values.OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            yield return (Parts, dimension.Code, Name(dimension.NameEn, dimension.NameEs));
            foreach (var category in dimension.Categories)
                yield return (Parts, $"{dimension.Code}/{category.Code}", Name(category.NameEn, category.NameEs));
        }
    }

    // The columns that take the same codes, named together.
    static readonly string Countries = string.Join("; ", ActivityColumns.Country, ActivityColumns.ParticipatingCountries, ActivityColumns.Nationalities);
    static readonly string Indicators = string.Join("; ", ActivityColumns.Outcomes, ActivityColumns.OutcomeBreakdowns);
    static readonly string Parts = string.Join("; ", ActivityColumns.ParticipantParts, ActivityColumns.OutcomeBreakdowns);

    static string Letter(int index) => index < 26
        ? ((char)('A' + index)).ToString(CultureInfo.InvariantCulture)
        : Letter(index / 26 - 1) + Letter(index % 26);
}
