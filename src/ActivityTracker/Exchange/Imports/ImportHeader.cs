using ActivityTracker.Decisions;
using ActivityTracker.Localization;

namespace ActivityTracker.Exchange.Imports;

/// <summary>The columns a file's header row names, by position; what is wrong with it, column by column.</summary>
public sealed record ImportHeader(IReadOnlyDictionary<string, int> Positions, int Width, FieldErrors Problems)
{
    /// <summary>
    /// Known columns may come in any order and optional ones may be left out; an unknown, repeated
    /// or unnamed column, or a missing required one, makes the file unreadable as a whole.
    /// The export's read-only columns are known, so an exported file imports as it is.
    /// </summary>
    public static ImportHeader Of(IReadOnlyList<string?> cells)
    {
        var problems = new FieldErrors();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var name = cells[i]?.Trim().ToLowerInvariant() ?? "";
            if (name.Length == 0)
                problems.Add($"#{i + 1}", Messages.Text("Import_UnnamedColumn", i + 1));
            else if (!ActivityColumns.Exported.Contains(name))
                problems.Add(name, Messages.Text("Import_UnknownColumn", name, string.Join(", ", ActivityColumns.Importable)));
            else if (!positions.TryAdd(name, i))
                problems.Add(name, Messages.Text("Import_RepeatedColumn", name));
        }
        foreach (var required in ActivityColumns.Required.Where(c => !positions.ContainsKey(c)))
            problems.Add(required, Messages.Text("Import_MissingColumn", required));
        return new ImportHeader(positions, cells.Count, problems);
    }

    /// <summary>The text of <paramref name="column"/> in <paramref name="row"/>, null when empty or not in the file.</summary>
    public string? Cell(SheetRow row, string column) =>
        Positions.TryGetValue(column, out var i) && i < row.Cells.Count ? row.Cells[i] : null;

    /// <summary>A row with more cells than the header has columns, or fewer (a CSV row cut short), is not trusted.</summary>
    public string? ShapeProblem(SheetRow row, SheetFormat format) =>
        row.Cells.Count > Width && row.Cells.Skip(Width).Any(c => !string.IsNullOrWhiteSpace(c)) ? Messages.Text("Import_ExtraCells", row.Cells.Count, Width)
        : format == SheetFormat.Csv && row.Cells.Count < Width ? Messages.Text("Import_MissingCells", row.Cells.Count, Width)
        : null;
}
