using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;

namespace ActivityTracker.Exchange.Imports;

/// <summary>
/// Whether one spreadsheet row may become an activity: its cells read (<see cref="ActivityRow.Read"/>),
/// the same rules as <c>POST /api/activities</c>, and the importer's scope. Problems are keyed by
/// column, so the report points at the cell the user typed.
/// </summary>
public static partial class ImportRules
{
    public static Decision Check(ActivityRowReading reading, Catalog catalog, DateOnly today, AccessScope scope)
    {
        if (reading.Command is not { } command)
            return new Decision.Invalid(reading.Errors);
        var decision = command.Decide(reading.Id, catalog, today);
        if (decision is Decision.Invalid invalid)
            return new Decision.Invalid(ByColumn(invalid.Errors));
        if (decision is Decision.Accepted { Events: [ActivityRecorded recorded, ..] }
            && !scope.MayWrite(recorded.ProgrammeCode, recorded.Location.CountryCode, recorded.ParticipatingCountries))
            return new Decision.Invalid(new FieldErrors().Add(ActivityColumns.Programme,
                recorded.Location.CountryCode is null && recorded.ParticipatingCountries.Count == 0
                    // A regional activity naming no country: there is no country list to say it is outside.
                    ? Messages.Text("Import_OutsideScopeNoCountry", recorded.ProgrammeCode)
                    : Messages.Text("Import_OutsideScope", recorded.ProgrammeCode, recorded.Location.CountryCode ?? string.Join(", ", recorded.ParticipatingCountries))));
        // The row's notes are added as the API adds notes, after the activity is recorded.
        return decision is Decision.Accepted { Events: [ActivityRecorded first, ..] } recordedRow && reading.Notes is { Count: > 0 } notes
            ? new Decision.Accepted([.. recordedRow.Events, .. notes.Select(text => new NoteAdded(first.ActivityId, text))])
            : decision;
    }

    /// <summary>Rule fields become columns; the item a list field names (<c>partners[1]</c>) is said in the message.</summary>
    static FieldErrors ByColumn(FieldErrors errors)
    {
        var result = new FieldErrors();
        foreach (var (field, messages) in errors.ByField)
        {
            var item = FirstIndex().Match(field);
            foreach (var message in messages)
                result.Add(ActivityColumns.Of(field), item.Success ? Messages.Text("Import_Item", int.Parse(item.Groups[1].Value) + 1, message) : message);
        }
        return result;
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex FirstIndex();
}
