using System.Text.RegularExpressions;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace ActivityTracker.Programmes;

// Programmes activities are reported under, the countries they cover and their targets per
// indicator and period. Each is an event stream named by its code: targets get revised, and
// "what was the target on 31 March" must stay answerable.

/// <summary>A programme as it now stands, projected inline from its stream.</summary>
/// <param name="Code">Upper-case code, e.g. <c>MESO-CARIB</c>.</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes of the countries it covers.</param>
/// <param name="Targets">The current target per indicator and period, ordered by indicator then period.</param>
public sealed record ProgrammeDetails(
    Guid Id,
    string Code,
    string NameEn,
    string NameEs,
    IReadOnlyList<string> Countries,
    IReadOnlyList<ProgrammeTarget> Targets)
{
    public const int NameMaxLength = 200;
    /// <summary>The most countries a programme may list (FieldRules.LimitCount): a worldwide one lists every ISO country once.</summary>
    public const int CountriesMax = 250;
    public static string CodeShape => Messages.Text("CodeShape_Programme");

    /// <summary>The stream version this view reflects; clients send it back for optimistic concurrency.</summary>
    public long Version { get; set; }

    public static Guid IdFor(string code) => DeterministicId.For("programme", code);

    public static Regex CodePattern { get; } = new("^[A-Z0-9-]{2,30}$", RegexOptions.Compiled);

    /// <summary>The stored spelling of a code: trimmed, upper case.</summary>
    public static string Canonical(string code) => code.Trim().ToUpperInvariant();

    /// <summary>The current target for an indicator (canonical code) and period, if one was set.</summary>
    public ProgrammeTarget? TargetFor(string indicatorCode, string period) =>
        Targets.FirstOrDefault(t => t.IndicatorCode == indicatorCode && t.Period == period);
}

/// <summary>What the programme aims to reach on an indicator in a period.</summary>
/// <param name="Period">A year (<c>2019</c>) or a quarter (<c>2019-Q1</c>).</param>
public sealed record ProgrammeTarget(string IndicatorCode, string Period, decimal Value);

public sealed class ProgrammeDetailsProjection : SingleStreamProjection<ProgrammeDetails, Guid>
{
    public static ProgrammeDetails Create(IEvent<ProgrammeRegistered> e) =>
        new(e.StreamId, e.Data.Code, e.Data.NameEn, e.Data.NameEs, e.Data.Countries, []);

    public static ProgrammeDetails Apply(ProgrammeTargetSet e, ProgrammeDetails programme) =>
        WithTarget(programme, new ProgrammeTarget(e.IndicatorCode, e.Period, e.Value));

    public static ProgrammeDetails Apply(ProgrammeTargetRevised e, ProgrammeDetails programme) =>
        WithTarget(programme, new ProgrammeTarget(e.IndicatorCode, e.Period, e.Value));

    static ProgrammeDetails WithTarget(ProgrammeDetails programme, ProgrammeTarget target) => programme with
    {
        Targets = programme.Targets
            .Where(t => (t.IndicatorCode, t.Period) != (target.IndicatorCode, target.Period))
            .Append(target)
            .OrderBy(t => t.IndicatorCode, StringComparer.Ordinal)
            .ThenBy(t => t.Period, StringComparer.Ordinal)
            .ToList(),
    };
}
