namespace ActivityTracker.Exchange.Imports;

public enum SheetFormat { Csv, Xlsx }

public static class SheetFormats
{
    /// <summary>The format a file name says, or null for anything else.</summary>
    public static SheetFormat? Of(string? fileName) => Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
    {
        ".csv" => SheetFormat.Csv,
        ".xlsx" => SheetFormat.Xlsx,
        _ => null,
    };
}
