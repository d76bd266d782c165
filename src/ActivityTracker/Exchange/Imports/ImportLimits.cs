namespace ActivityTracker.Exchange.Imports;

/// <summary>
/// What one import may cost (settings section <c>Imports</c>). A small file can claim a huge sheet
/// (a far column, a declared dimension, a zip that inflates a thousandfold), so every bound is
/// checked before or while the rows are read, never after: a file past one is refused at once.
/// </summary>
public sealed class ImportLimits
{
    public const string Section = "Imports";

    /// <summary>Columns a file may have: the export's columns, which an import accepts, and some to spare.</summary>
    public int MaxColumns { get; set; } = ActivityColumns.Exported.Count + 16;

    /// <summary>Data rows a file may have.</summary>
    public int MaxRows { get; set; } = 200_000;

    /// <summary>Characters one cell may hold (Excel's own limit).</summary>
    public int MaxCellChars { get; set; } = 32_767;

    /// <summary>Bytes the sheet of a workbook may inflate to (a 200,000-row sheet is about 200 MB).</summary>
    public long MaxSheetBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Bytes every other part read (shared strings, styles, the workbook's index) may inflate to: they are held in memory.</summary>
    public long MaxPartBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Distinct texts (shared strings) a workbook may hold.</summary>
    public int MaxSharedStrings { get; set; } = 1_000_000;

    /// <summary>
    /// Files of at most this many rows have each recorded row compared with the activities it may duplicate (a warning per
    /// row, as recording one by one shows); a bulk load past it (a migration of old reports) is not compared, and says so.
    /// </summary>
    public int MaxRowsCheckedForDuplicates { get; set; } = 2_000;

    /// <summary>Problems kept for the report; those past it are counted, not stored.</summary>
    public int MaxProblems { get; set; } = 200;

    /// <summary>How long one run of an import may take before it fails.</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Imports one node runs at once, so that one slow file never holds up everyone else's.</summary>
    public int Parallel { get; set; } = 3;

    public static ImportLimits From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ImportLimits>() ?? new ImportLimits();
}
