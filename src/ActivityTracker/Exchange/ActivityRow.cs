using System.Globalization;
using System.Numerics;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Localization;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Exchange;

/// <summary>What one spreadsheet row says: the stream id it maps to and the command to record it, or what is wrong with its cells.</summary>
/// <param name="Errors">Keyed by column name.</param>
/// <param name="Notes">Notes the row adds to the activity it records (the <c>notes</c> column, a line each).</param>
/// <param name="Correction">Why the row's changes correct the activity its id names (<c>correction_reason</c>, <c>correction_note</c>).</param>
public sealed record ActivityRowReading(Guid Id, RecordActivity? Command, FieldErrors Errors, IReadOnlyList<string>? Notes = null,
    CorrectionInput? Correction = null);

/// <summary>
/// One activity as one spreadsheet row (<see cref="ActivityColumns"/>), both ways. Lists sit in
/// one cell, items separated by <c>;</c>: <c>MX; GT</c>; counts as <c>key=value</c>:
/// participant groups <c>female adults=12; male=3</c> (a sex and/or an age band), nationalities
/// <c>HN=120</c>, participants' parts along defined dimensions <c>institution/inm-mx=45</c>, outcomes
/// <c>jobfair-hired=33</c>, outcome breakdowns <c>people-returned/country/HN=500</c> (sex, age or country) and parts
/// <c>people-trained/institution/inm-mx=45</c> (any other dimension is a defined one), partners <c>iom=implementing</c>, sources
/// <c>https://…|title</c>. Dates are <c>yyyy-MM-dd</c>, numbers use a decimal point.
/// </summary>
public static class ActivityRow
{
    const char ItemSeparator = ';';
    // Notes are free text (a ';' is ordinary in them): one per line of the cell.
    const string NoteSeparator = "\n";
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The cells of <see cref="ActivityColumns.Exported"/> for <paramref name="a"/>, as plain text (writers neutralise formulas).</summary>
    public static string?[] Cells(ActivityDetails a) =>
    [
        a.Id.ToString(), a.Kind, a.Language, a.Title, a.Description,
        Date(a.PlannedStart), Date(a.PlannedEnd), Date(a.ActualStart), Date(a.ActualEnd),
        Items(a.Sessions.Select(s => s.Place is null ? Date(s.Day)! : $"{Date(s.Day)}|{s.Place}")),
        a.Location.CountryCode, a.Location.Admin1, a.Location.Place, a.Location.Latitude?.ToString("R", Invariant), a.Location.Longitude?.ToString("R", Invariant),
        Items(a.ParticipatingCountries), a.ProgrammeCode, a.SectorCode, Items(a.Tags),
        a.Participants?.Total.ToString(Invariant), a.Participants is { TotalIsMinimum: true } ? "true" : null,
        Items(a.Participants?.Groups.Select(g => $"{Words(g.Sex, g.Age)}={g.Count}")),
        a.Participants?.UnaccompaniedMinors?.ToString(Invariant),
        Items(a.Participants?.Nationalities.Select(n => $"{n.CountryCode}={n.Count}")),
        Items(a.Participants?.Parts.Select(p => $"{p.Dimension}/{p.Category}={p.Value.ToString(Invariant)}")),
        Items(a.Outcomes.Select(o => $"{o.IndicatorCode}{(o.ValueIsMinimum ? ">" : "")}={o.Value.ToString(Invariant)}{(o.Base is { } b ? $"@{b.ToString(Invariant)}" : "")}")),
        Items(a.Outcomes.SelectMany(o => o.Breakdown.Select(b => $"{o.IndicatorCode}/{Word(b.Dimension)}/{b.Category}={b.Value.ToString(Invariant)}")
            .Concat(o.Parts.Select(p => $"{o.IndicatorCode}/{p.Dimension}/{p.Category}={p.Value.ToString(Invariant)}")))),
        Items(a.Partners.Select(p => $"{p.OrganisationCode}={Word(p.Role)}")),
        Items(a.Sources.Select(s => s.Title is null ? s.Url : $"{s.Url}|{s.Title}")),
        a.Notes.Count == 0 ? null : string.Join(NoteSeparator, a.Notes.Select(n => n.Text)),
        null, null,
        a.Status.ToString(), a.Review.ToString(), a.Version.ToString(Invariant),
        a.RecordedAt.ToString("O", Invariant), a.RecordedBy, a.LastChangedAt.ToString("O", Invariant), a.LastChangedBy,
    ];

    /// <summary>
    /// Reads a row; <paramref name="cell"/> gives a column's text, null when empty or absent. A row
    /// without an id gets one from its content, so importing the same file twice finds the same
    /// streams; an id that is not a GUID (a partner's own reference) is turned into one by name.
    /// Both are names within <paramref name="importer"/>'s own: another user's <c>P-1</c> is another
    /// activity, so a row can neither land on nor reveal someone else's (ids collided across users).
    /// </summary>
    public static ActivityRowReading Read(Func<string, string?> cell, string importer)
    {
        var errors = new FieldErrors();
        string? Text(string column)
        {
            var text = SpreadsheetCell.Read(cell(column), out var formula);
            var before = errors.Count;
            // Text that is not plain is reported and read as empty, so no other message repeats it.
            errors.When(formula, column, Messages.Text("Import_FormulaCell")).Plain(column, text);
            return errors.Count == before ? text : null;
        }

        var id = IdOf(Text(C.Id), cell, importer, errors);
        var total = Number<int>(errors, C.ParticipantsTotal, Text(C.ParticipantsTotal));
        var groups = Pairs(errors, C.ParticipantGroups, Text(C.ParticipantGroups), (key, value) =>
            Group(key) is { } g && int.TryParse(value, Invariant, out var n) ? g with { Count = n } : null);
        var minors = Number<int>(errors, C.UnaccompaniedMinors, Text(C.UnaccompaniedMinors));
        var nationalities = Pairs(errors, C.Nationalities, Text(C.Nationalities), (key, value) =>
            int.TryParse(value, Invariant, out var n) ? new NationalityInput(key, n) : null);
        var minimum = Flag(errors, C.ParticipantsTotalIsMinimum, Text(C.ParticipantsTotalIsMinimum));
        var participantParts = Pairs(errors, C.ParticipantParts, Text(C.ParticipantParts), (key, value) =>
            key.Split('/') is [var dimension, var category] && decimal.TryParse(value, NumberStyles.Number, Invariant, out var v)
                ? new PartInput(dimension.Trim(), category.Trim(), v) : null);
        // "code>=1500": the report gives a floor ("more than 1,500"); "code=34@250": a percentage of 250 (an average over 250).
        var outcomes = Pairs(errors, C.Outcomes, Text(C.Outcomes), (key, value) =>
            value.Split('@') is var parts && parts.Length <= 2 && decimal.TryParse(parts[0], NumberStyles.Number, Invariant, out var v)
            && (parts.Length == 1 || decimal.TryParse(parts[1], NumberStyles.Number, Invariant, out _))
                ? new OutcomeInput(key.TrimEnd('>').TrimEnd(), v, ValueIsMinimum: key.EndsWith('>') ? true : null,
                    Base: parts.Length == 2 ? decimal.Parse(parts[1], NumberStyles.Number, Invariant) : null)
                : null);
        // Sex, age and country are the indicators' own breakdowns; any other dimension is a defined one, its items parts.
        var splits = Pairs(errors, C.OutcomeBreakdowns, Text(C.OutcomeBreakdowns), (key, value) =>
            key.Split('/') is [var indicator, var dimension, var category] && decimal.TryParse(value, NumberStyles.Number, Invariant, out var v)
                ? Enum.TryParse<Breakdown>(dimension, true, out var d) && !int.TryParse(dimension, out _)
                    ? new IndicatorSplit(indicator.Trim(), new OutcomeSplitInput(d, category.Trim(), v), null)
                    : new IndicatorSplit(indicator.Trim(), null, new PartInput(dimension.Trim(), category.Trim(), v))
                : null);
        foreach (var orphan in splits.Where(s => !outcomes.Any(o => Same(o.IndicatorCode, s.Indicator))))
            errors.Add(C.OutcomeBreakdowns, Messages.Text("Import_BreakdownWithoutOutcome", orphan.Indicator));
        var partners = Pairs(errors, C.Partners, Text(C.Partners), (key, value) =>
            Enum.TryParse<OrganisationRole>(value, true, out var role) && !int.TryParse(value, out _) ? new PartnerInput(key, role) : null);
        var sessions = List(Text(C.Sessions)).Select(item => item.Split('|', 2) is var parts
            ? new SessionInput(DateOf(errors, C.Sessions, parts[0].Trim()), parts.Length > 1 ? parts[1].Trim() : null) : null).OfType<SessionInput>().ToList();
        var sources = List(Text(C.Sources)).Select(s => s.Split('|', 2) is [var url, var title] ? new SourceInput(url.Trim(), title.Trim()) : new SourceInput(s)).ToList();
        double? latitude = Number<double>(errors, C.Latitude, Text(C.Latitude)), longitude = Number<double>(errors, C.Longitude, Text(C.Longitude));
        var location = new LocationInput(Text(C.Country), Text(C.Admin1), Text(C.Place), latitude, longitude);

        var command = new RecordActivity(
            Text(C.Kind), Text(C.Language), Text(C.Title), Text(C.Description),
            DateOf(errors, C.PlannedStart, Text(C.PlannedStart)), DateOf(errors, C.PlannedEnd, Text(C.PlannedEnd)),
            DateOf(errors, C.ActualStart, Text(C.ActualStart)), DateOf(errors, C.ActualEnd, Text(C.ActualEnd)),
            location is { CountryCode: null, Admin1: null, Place: null, Latitude: null, Longitude: null } ? null : location,
            List(Text(C.ParticipatingCountries)), Text(C.Programme), Text(C.Sector), List(Text(C.Tags)),
            total is null && groups.Count == 0 && minors is null && nationalities.Count == 0 && minimum is null && participantParts.Count == 0 ? null
                : new ParticipantsInput(total, minimum, groups, minors, nationalities, participantParts),
            [.. outcomes.Select(o => splits.Where(s => Same(s.Indicator, o.IndicatorCode)).ToList() is var mine
                ? o with { Breakdown = [.. mine.Select(s => s.Split).OfType<OutcomeSplitInput>()], Parts = [.. mine.Select(s => s.Part).OfType<PartInput>()] } : o)],
            partners, sources, sessions);
        var notes = Notes(errors, Text(C.Notes));
        var correction = Correction(errors, Text(C.CorrectionReason), Text(C.CorrectionNote));
        return new ActivityRowReading(id, errors.IsEmpty ? command : null, errors, notes, correction);
    }

    static Guid IdOf(string? id, Func<string, string?> cell, string importer, FieldErrors errors)
    {
        if (id is null)
            // Of the activity's facts: not of its notes, so a row's id stays what it was before the file had a notes column.
            return DeterministicId.For("activity-row", string.Join('\u001f', C.Importable.Skip(1)
                .Where(c => !C.Instructions.Contains(c) && !(C.Later.Contains(c) && string.IsNullOrWhiteSpace(cell(c))))
                .Select(c => cell(c)?.Trim()).Prepend(importer)));
        errors.When(id.Length > 100, C.Id, Messages.Text("Import_IdTooLong", 100));
        return Guid.TryParse(id, out var guid) ? guid : ImportersOwn(importer, id);
    }

    /// <summary>The id <paramref name="importer"/>'s own reference <paramref name="reference"/> (or an activity id they cannot see) stands for.</summary>
    public static Guid ImportersOwn(string importer, string reference) =>
        DeterministicId.For("activity-import", $"{importer}\u001f{reference}");

    static ParticipantGroupInput? Group(string words)
    {
        Sex? sex = null;
        AgeBand? age = null;
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (sex is null && Enum.TryParse<Sex>(word, true, out var s) && !int.TryParse(word, out _)) sex = s;
            else if (age is null && Enum.TryParse<AgeBand>(word, true, out var a) && !int.TryParse(word, out _)) age = a;
            else return null;
        }
        return sex is null && age is null ? null : new ParticipantGroupInput(sex, age, 0);
    }

    /// <summary>The items of a <c>key=value; key=value</c> cell; a malformed item is reported by its text.</summary>
    static List<T> Pairs<T>(FieldErrors errors, string column, string? text, Func<string, string, T?> parse) where T : class
    {
        var result = new List<T>();
        foreach (var item in List(text))
        {
            var at = item.LastIndexOf('=');
            var parsed = at > 0 ? parse(item[..at].Trim(), item[(at + 1)..].Trim()) : default;
            if (parsed is null)
                errors.Add(column, Messages.Text("Import_BadItem", item, Messages.Text($"Import_Shape_{column}")));
            else
                result.Add(parsed);
        }
        return result;
    }

    static CorrectionInput? Correction(FieldErrors errors, string? reason, string? note)
    {
        if (reason is null)
        {
            errors.When(note is not null, C.CorrectionReason, Messages.Text("Import_CorrectionNoteWithoutReason"));
            return null;
        }
        if (!Enum.TryParse<CorrectionReason>(reason, true, out var why) || int.TryParse(reason, out _))
        {
            errors.Add(C.CorrectionReason, Messages.Text("Import_NotACorrectionReason", reason, string.Join(", ", Enum.GetNames<CorrectionReason>())));
            return null;
        }
        errors.When(note?.Length > FieldRules.ReasonMaxLength, C.CorrectionNote, Messages.Text("TooLong", Messages.Text("What_Reason"), note?.Length, FieldRules.ReasonMaxLength));
        return new CorrectionInput(why, note);
    }

    static List<string> Notes(FieldErrors errors, string? text)
    {
        List<string> notes = text is null ? [] : [.. text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];
        if (errors.LimitCount(C.Notes, notes, ActivityRules.NotesPerRowMax))
            for (var i = 0; i < notes.Count; i++)
                if (notes[i].Length > ActivityRules.NoteMaxLength)
                    errors.Add(C.Notes, Messages.Text("Import_Item", i + 1, Messages.Text("TooLong", Messages.Text("What_Note"), notes[i].Length, ActivityRules.NoteMaxLength)));
        return notes;
    }

    static List<string> List(string? text) =>
        text is null ? [] : [.. text.Split(ItemSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    static T? Number<T>(FieldErrors errors, string column, string? text) where T : struct, INumber<T>
    {
        if (text is null)
            return null;
        if (T.TryParse(text, NumberStyles.Float, Invariant, out var value))
            return value;
        errors.Add(column, Messages.Text("Import_NotANumber", text));
        return null;
    }

    static DateOnly? DateOf(FieldErrors errors, string column, string? text)
    {
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var date))
            return date;
        errors.Add(column, Messages.Text("Import_NotADate", text));
        return null;
    }

    static bool? Flag(FieldErrors errors, string column, string? text)
    {
        switch (text?.ToLowerInvariant())
        {
            case null: return null;
            case "true" or "yes" or "sí" or "si" or "1": return true;
            case "false" or "no" or "0": return false;
            default:
                errors.Add(column, Messages.Text("Import_NotAFlag", text));
                return null;
        }
    }

    /// <summary>An item of the outcome breakdowns: a split by sex, age or country, or a part along a defined dimension.</summary>
    sealed record IndicatorSplit(string Indicator, OutcomeSplitInput? Split, PartInput? Part);

    static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", Invariant);
    static string? Items(IEnumerable<string>? items) => items?.Any() == true ? string.Join("; ", items) : null;
    static string Word<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
    static string Words(Sex? sex, AgeBand? age) => string.Join(' ', new[] { sex?.ToString(), age?.ToString() }.OfType<string>()).ToLowerInvariant();
}
