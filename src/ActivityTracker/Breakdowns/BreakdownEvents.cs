using ActivityTracker.Commands;

namespace ActivityTracker.Breakdowns;

// Events of a breakdown dimension's stream: business facts only; who and when come from Marten's metadata.

/// <summary>A breakdown dimension was defined: the first event of its stream.</summary>
public sealed record BreakdownDimensionDefined(
    Guid DimensionId,
    string Code,
    string NameEn,
    string NameEs,
    DimensionValues Values,
    IReadOnlyList<DimensionCategory> Categories,
    bool Participants,
    IReadOnlyList<string> Indicators) : IRegistration
{
    Guid IRegistration.StreamId => DimensionId;
}

/// <summary>
/// The dimension was revised; it carries the whole definition as it now stands. Its categories keep every code they had
/// (parts already reported name them), and where its values come from does not change.
/// </summary>
public sealed record BreakdownDimensionRevised(
    string NameEn,
    string NameEs,
    IReadOnlyList<DimensionCategory> Categories,
    bool Participants,
    IReadOnlyList<string> Indicators);
