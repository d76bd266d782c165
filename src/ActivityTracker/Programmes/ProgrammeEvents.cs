using ActivityTracker.Commands;

namespace ActivityTracker.Programmes;

// Events of a programme's stream: business facts only; who and when come from Marten's metadata.

/// <summary>A programme was registered: the first event of its stream.</summary>
/// <param name="Countries">ISO 3166-1 alpha-2 codes of the countries it covers.</param>
public sealed record ProgrammeRegistered(Guid ProgrammeId, string Code, string NameEn, string NameEs, IReadOnlyList<string> Countries) : IRegistration
{
    Guid IRegistration.StreamId => ProgrammeId;
}

/// <summary>A target was set for an indicator and period that had none.</summary>
/// <param name="Period">A year (<c>2019</c>) or a quarter (<c>2019-Q1</c>).</param>
/// <param name="Reason">Where the figure comes from, when given (e.g. the results framework).</param>
public sealed record ProgrammeTargetSet(string IndicatorCode, string Period, decimal Value, string? Reason);

/// <summary>An existing target was changed to a new value, for the reason given.</summary>
public sealed record ProgrammeTargetRevised(string IndicatorCode, string Period, decimal Value, string Reason);
