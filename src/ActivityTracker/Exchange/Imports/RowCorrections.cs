using ActivityTracker.Activities;
using ActivityTracker.Activities.Annotating;
using ActivityTracker.Activities.Correcting;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Holding;
using ActivityTracker.Activities.Partnering;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Activities.Reporting;
using ActivityTracker.Activities.Rescheduling;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using C = ActivityTracker.Exchange.ActivityColumns;

namespace ActivityTracker.Exchange.Imports;

/// <summary>One cell of a re-imported row that differs from the activity its id names, both written as an export writes them.</summary>
public sealed record CellChange(string Column, string? Was, string? Now);

/// <summary>
/// A row whose id names an activity that exists, with other values: the same file edited and imported again. Its cells are
/// compared column by column with the activity, both written by the export's own writer (<see cref="ActivityRow.Cells"/>), so
/// only a real change shows (not a date written otherwise, nor a list in another order). With a correction reason the
/// changes are applied as the corrections the API would record (each command's own rules); without one they are only reported.
/// </summary>
public static class RowCorrections
{
    /// <summary>
    /// Compared: every fact a row sets, by its position among the export's cells. Not its id, nor what the row asks rather than
    /// states (notes, history added by the row's first import only; the correction columns).
    /// </summary>
    static readonly (string Column, int At)[] Compared =
        [.. C.Exported.Select((column, at) => (column, at)).Where(c => C.Importable.Contains(c.column) && c.column != C.Id && !C.Instructions.Contains(c.column))];

    static readonly string[] Lists = [C.Sessions, C.ParticipatingCountries, C.Tags, C.ParticipantGroups, C.Nationalities, C.ParticipantParts, C.Outcomes, C.OutcomeBreakdowns, C.Partners, C.Sources];

    static readonly string[] Details = [C.Kind, C.Language, C.Title, C.Description, C.Country, C.Admin1, C.Place, C.Latitude, C.Longitude,
        C.ParticipatingCountries, C.Programme, C.Sector, C.Tags];

    static readonly string[] Place = [C.Country, C.Admin1, C.Place, C.Latitude, C.Longitude];

    static readonly string[] Participants = [C.ParticipantsTotal, C.ParticipantsTotalIsMinimum, C.ParticipantGroups, C.UnaccompaniedMinors, C.Nationalities, C.ParticipantParts];

    /// <summary>The cells where <paramref name="proposed"/> (the row, as it would be recorded) differs from <paramref name="current"/>.</summary>
    public static IReadOnlyList<CellChange> Between(ActivityDetails current, ActivityDetails proposed)
    {
        var (was, now) = (ActivityRow.Cells(current), ActivityRow.Cells(proposed));
        var changes = new List<CellChange>();
        foreach (var (column, at) in Compared)
        {
            if (Canonical(column, was[at]) != Canonical(column, now[at]))
                changes.Add(new CellChange(column, was[at], now[at]));
        }
        return changes;
    }

    // A list is the same list in any order.
    static string? Canonical(string column, string? cell) => cell is null || !Lists.Contains(column) ? cell
        : string.Join(";", cell.Split(';').Select(item => item.Trim()).Order(StringComparer.Ordinal));

    /// <summary>
    /// The corrections that make <paramref name="current"/> say what the <paramref name="row"/> says (<paramref name="proposed"/>: the
    /// row as it would be recorded), decided one after the other on the activity as each leaves it, from the row's own inputs: every
    /// event, or the first refusal or invalid field (then nothing is applied). What no command can undo (an outcome or a source
    /// left out of the row) is refused, saying so.
    /// </summary>
    public static Decision Decide(ActivityDetails current, ActivityDetails proposed, RecordActivity row, IReadOnlyList<CellChange> changes,
        CorrectionInput correction, Catalog catalog, DateOnly today)
    {
        var changed = changes.Select(c => c.Column).ToHashSet(StringComparer.Ordinal);
        var reason = correction.Note ?? correction.Reason.ToString();
        var steps = new List<Func<ActivityDetails, Decision>>();
        if (changed.Overlaps(Details))
            steps.Add(a => new CorrectDetails(a.Version, correction,
                Kind: changed.Contains(C.Kind) ? row.Kind : null,
                Language: changed.Contains(C.Language) ? row.Language : null,
                Title: changed.Contains(C.Title) ? row.Title : null,
                Description: changed.Contains(C.Description) ? row.Description ?? "" : null,
                Location: changed.Overlaps(Place) ? row.Location ?? new LocationInput(null, null, null, null, null) : null,
                ParticipatingCountries: changed.Contains(C.ParticipatingCountries) ? [.. row.ParticipatingCountries ?? []] : null,
                ProgrammeCode: changed.Contains(C.Programme) ? row.ProgrammeCode : null,
                SectorCode: changed.Contains(C.Sector) ? row.SectorCode : null,
                Tags: changed.Contains(C.Tags) ? [.. row.Tags ?? []] : null).Decide(a, catalog));
        if (changed.Contains(C.PlannedStart) || changed.Contains(C.PlannedEnd))
            steps.Add(a => new RescheduleActivity(a.Version, row.PlannedStart, row.PlannedEnd, reason).Decide(a));
        if (changed.Contains(C.ActualStart) || changed.Contains(C.ActualEnd) || changed.Contains(C.Sessions))
            steps.Add(a => new ReportHeld(a.Version, row.ActualStart, row.ActualEnd, a.IsHeld ? correction : null, row.Sessions).Decide(a, today));
        if (changed.Overlaps(Participants))
            steps.Add(a => new ReportParticipants(a.Version, row.Participants, a.Participants is null ? null : correction).Decide(a, catalog));
        if (changed.Contains(C.Outcomes) || changed.Contains(C.OutcomeBreakdowns))
        {
            if (current.Outcomes.FirstOrDefault(o => proposed.Outcomes.All(p => p.IndicatorCode != o.IndicatorCode)) is { } dropped)
                return Decision.Refuse(Messages.Text("Import_OutcomeLeftOut", dropped.IndicatorCode));
            foreach (var outcome in proposed.Outcomes.Where(p => current.Outcomes.FirstOrDefault(o => o.IndicatorCode == p.IndicatorCode) is not { } o || !Same(o, p)))
            {
                var input = row.Outcomes!.First(o => string.Equals(o.IndicatorCode?.Trim(), outcome.IndicatorCode, StringComparison.OrdinalIgnoreCase));
                steps.Add(a => new ReportOutcome(a.Version, input, a.Outcomes.Any(o => o.IndicatorCode == outcome.IndicatorCode) ? correction : null).Decide(a, catalog));
            }
        }
        if (changed.Contains(C.Partners))
        {
            foreach (var gone in current.Partners.Except(proposed.Partners))
                steps.Add(a => new RemovePartner(a.Version, gone.OrganisationCode, gone.Role, reason).Decide(a));
            foreach (var added in proposed.Partners.Except(current.Partners))
                steps.Add(a => new AddPartner(a.Version, added.OrganisationCode, added.Role).Decide(a, catalog));
        }
        if (changed.Contains(C.Sources))
        {
            if (current.Sources.FirstOrDefault(s => proposed.Sources.All(p => p.Url != s.Url)) is { } left)
                return Decision.Refuse(Messages.Text("Import_SourceLeftOut", left.Url));
            foreach (var source in proposed.Sources.Where(p => current.Sources.All(s => s.Url != p.Url)))
                steps.Add(a => new LinkSource(a.Version, source.Url, source.Title).Decide(a));
        }

        var events = new List<object>();
        var state = current;
        foreach (var step in steps)
        {
            var decision = step(state);
            if (decision is not Decision.Accepted accepted)
                return decision;
            events.AddRange(accepted.Events);
            state = ActivityDetails.After(state, accepted.Events)!;
        }
        // A change no correction records (a source's title): said, rather than counted as corrected with nothing stored.
        return events.Count > 0 ? Decision.Append([.. events])
            : Decision.Refuse(Messages.Text("Import_CannotCorrect", string.Join(", ", changes.Select(c => c.Column))));
    }

    static bool Same(OutcomeValue a, OutcomeValue b) =>
        a.Value == b.Value && a.ValueIsMinimum == b.ValueIsMinimum && a.Base == b.Base && a.Breakdown.SequenceEqual(b.Breakdown)
        && a.Parts.Count == b.Parts.Count && a.Parts.All(b.Parts.Contains);
}
