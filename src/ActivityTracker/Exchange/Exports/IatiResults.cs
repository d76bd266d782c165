using System.Globalization;
using System.Xml;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using static ActivityTracker.Exchange.Exports.IatiActivities;

namespace ActivityTracker.Exchange.Exports;

/// <summary>
/// An activity's outcomes as IATI results: one <c>result</c> of type 1 (output) per reported indicator, with one
/// <c>indicator</c> titled by the indicator's definition in English and Spanish, of measure 2 (percentage) for a percentage
/// and 1 (unit) for a count or an average (whose unit is per what it says, told in the actual's comment). Decisions:
/// <list type="bullet">
/// <item><b>Baseline.</b> The domain records no baselines. For an indicator that counts what one activity produced
/// (aggregation <c>Sum</c> or <c>MaximumPerLocation</c>: people hired at this fair, countries at this congress) the value
/// before the activity is 0 by definition, so the baseline is 0 in the year and on the day the activity started, with a
/// comment saying why. A <c>Latest</c> indicator is a running total whose earlier value this activity does not know, and a
/// percentage or an average has no value "before" an activity: no baseline rather than a made-up one.</item>
/// <item><b>Period and target.</b> When the activity's programme has a target for the indicator in a year or quarter
/// that holds the activity's date, the period is that year or quarter and its target is the programme's (the comment
/// says so: it is the programme's, not this activity's alone); the actual is this activity's contribution to it.
/// Otherwise the period is the activity's own dates (actual, else planned, else the day it was recorded, said in a comment);
/// for one under way (held, no end yet) it runs from its start to the day of the export, as the actual stands that day.</item>
/// <item><b>Actual.</b> The reported value (a floor, "more than 1,500", says so in its comment: IATI has no attribute for
/// it), then one <c>actual</c> per breakdown value with its <c>dimension</c>
/// (<c>sex</c>, <c>age</c> or <c>country</c>), as IATI's guidance disaggregates, and one per part along a defined
/// dimension (<c>institution</c>, <c>inm-mx</c>). Parts may be partial: what they leave is not stated, and no
/// <c>actual</c> makes one up.</item>
/// </list>
/// </summary>
public static class IatiResults
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task WriteAsync(XmlWriter xml, ActivityDetails a, OutcomeValue outcome, ExportRegisters registers, DateOnly exportDay)
    {
        var definition = registers.Indicators.GetValueOrDefault(outcome.IndicatorCode);
        IReadOnlyList<(string, string?)> title = definition is null
            ? [(outcome.IndicatorCode, null)]
            : [(definition.NameEn, "en"), (definition.NameEs, "es")];

        await xml.WriteStartElementAsync(null, "result", null);
        await xml.WriteAttributeStringAsync(null, "type", null, "1");
        await Narratives(xml, "title", title);
        await xml.WriteStartElementAsync(null, "indicator", null);
        await xml.WriteAttributeStringAsync(null, "measure", null, definition?.Measure == IndicatorMeasure.Percentage ? "2" : "1");
        await Narratives(xml, "title", title);
        if (definition is not null)
            await Element(xml, "reference", ("vocabulary", "99"), ("code", definition.Code));

        var started = a.ActualStart ?? a.PlannedStart;
        if (definition is null or { Measure: IndicatorMeasure.Count, Aggregation: not AggregationRule.Latest })
        {
            var day = started ?? DateOnly.FromDateTime(a.RecordedAt.UtcDateTime);
            await xml.WriteStartElementAsync(null, "baseline", null);
            await xml.WriteAttributeStringAsync(null, "year", null, day.Year.ToString(Invariant));
            await xml.WriteAttributeStringAsync(null, "iso-date", null, IsoDate(day));
            await xml.WriteAttributeStringAsync(null, "value", null, "0");
            await Comment(xml, "This indicator counts what this activity produced, so its value before the activity is 0.",
                "Este indicador cuenta lo que produjo esta actividad, así que su valor antes de la actividad es 0.");
            await xml.WriteEndElementAsync();
        }

        var target = started is { } date && registers.Programmes.GetValueOrDefault(a.ProgrammeCode) is { } programme
            ? programme.Targets.FirstOrDefault(t => t.IndicatorCode == outcome.IndicatorCode && Within(date, t.Period))
            : null;
        var (first, last) = target is not null ? PeriodSpelling.Days(target.Period) : OwnPeriod(a, exportDay);
        await xml.WriteStartElementAsync(null, "period", null);
        await Element(xml, "period-start", ("iso-date", IsoDate(first)));
        await Element(xml, "period-end", ("iso-date", IsoDate(last)));
        if (target is not null)
        {
            await xml.WriteStartElementAsync(null, "target", null);
            await xml.WriteAttributeStringAsync(null, "value", null, Number(target.Value));
            await Comment(xml, $"The target of programme {a.ProgrammeCode} for {target.Period}, for all its activities.",
                $"La meta del programa {a.ProgrammeCode} para {target.Period}, para todas sus actividades.");
            await xml.WriteEndElementAsync();
        }
        await xml.WriteStartElementAsync(null, "actual", null);
        await xml.WriteAttributeStringAsync(null, "value", null, Number(outcome.Value));
        // The schema allows one comment: what the reader must know of this value, said once.
        var notes = new List<(string English, string Spanish)>();
        if (outcome.ValueIsMinimum)
            notes.Add(($"At least {Number(outcome.Value)}: the report gives a floor, not an exact value.",
                $"Al menos {Number(outcome.Value)}: el informe da un mínimo, no un valor exacto."));
        if (definition is { Measure: IndicatorMeasure.Percentage })
            notes.Add(outcome.Base is { } whole
                ? ($"A percentage of {Number(whole)} ({definition.Per}).", $"Un porcentaje de {Number(whole)} ({definition.Per}).")
                : ($"A percentage of {definition.Per}; the report does not say of how many.", $"Un porcentaje de {definition.Per}; el informe no dice de cuántos."));
        if (definition is { Measure: IndicatorMeasure.Average })
            notes.Add(outcome.Base is { } span
                ? ($"An average per {definition.Per}, over {Number(span)}.", $"Un promedio por {definition.Per}, en {Number(span)}.")
                : ($"An average per {definition.Per}.", $"Un promedio por {definition.Per}."));
        if (started is null)
            notes.Add(("No date is known for this activity; the period is the day it was recorded.",
                "No se conoce la fecha de esta actividad; el periodo es el día en que se registró."));
        else if (target is null && IsUnderWay(a))
            notes.Add(("The activity is still under way: the actual is as reported by the day of this export.",
                "La actividad sigue en curso: el valor real es el informado hasta el día de esta exportación."));
        if (notes.Count > 0)
            await Comment(xml, string.Join(" ", notes.Select(n => n.English)), string.Join(" ", notes.Select(n => n.Spanish)));
        await xml.WriteEndElementAsync();
        foreach (var split in outcome.Breakdown)
        {
            await xml.WriteStartElementAsync(null, "actual", null);
            await xml.WriteAttributeStringAsync(null, "value", null, Number(split.Value));
            await Element(xml, "dimension", ("name", split.Dimension.ToString().ToLowerInvariant()), ("value", split.Category));
            await xml.WriteEndElementAsync();
        }
        foreach (var part in outcome.Parts)
        {
            await xml.WriteStartElementAsync(null, "actual", null);
            await xml.WriteAttributeStringAsync(null, "value", null, Number(part.Value));
            await Element(xml, "dimension", ("name", part.Dimension), ("value", part.Category));
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync(); // period
        await xml.WriteEndElementAsync(); // indicator
        await xml.WriteEndElementAsync(); // result
    }

    static bool Within(DateOnly date, string period)
    {
        var (first, last) = PeriodSpelling.Days(period);
        return date >= first && date <= last;
    }

    static bool IsUnderWay(ActivityDetails a) => a.ActualStart is not null && a.ActualEnd is null;

    static (DateOnly First, DateOnly Last) OwnPeriod(ActivityDetails a, DateOnly exportDay)
    {
        var recorded = DateOnly.FromDateTime(a.RecordedAt.UtcDateTime);
        var first = a.ActualStart ?? a.PlannedStart ?? recorded;
        var last = IsUnderWay(a) ? exportDay : a.ActualEnd ?? a.PlannedEnd ?? first;
        return (first, last < first ? first : last);
    }

    static async Task Comment(XmlWriter xml, string english, string spanish) =>
        await Narratives(xml, "comment", [(english, "en"), (spanish, "es")]);

    static string Number(decimal value) => value.ToString(Invariant);
}
