// Placeholder for the reference-stream document types being built on branch
// reference-streams; removed when that branch is merged.
using ActivityTracker.Decisions;

namespace ActivityTracker.Programmes
{
    public sealed record ProgrammeDetails(Guid Id, string Code, string NameEn, string NameEs, IReadOnlyList<string> Countries, IReadOnlyList<ProgrammeTarget> Targets)
    { public long Version { get; set; } public static Guid IdFor(string code) => DeterministicId.For("programme", code); }
    public sealed record ProgrammeTarget(string IndicatorCode, string Period, decimal Value);
}

namespace ActivityTracker.Organisations
{
    public enum OrganisationType { Government = 10, LocalGovernment = 11, OtherPublicSector = 15, InternationalNgo = 21, NationalNgo = 22, RegionalNgo = 23, PartnerCountryNgo = 24, PublicPrivatePartnership = 30, Multilateral = 40, Foundation = 60, PrivateSector = 70, Academic = 80, Other = 90 }
    public sealed record OrganisationDetails(Guid Id, string Code, string Name, string? Acronym, IReadOnlyList<string> Aliases, string? IatiIdentifier, OrganisationType Type, string? MergedIntoCode)
    { public long Version { get; set; } public static Guid IdFor(string code) => DeterministicId.For("organisation", code); }
}

namespace ActivityTracker.Indicators
{
    public enum AggregationRule { Sum, MaximumPerLocation, Latest }
    public enum Breakdown { Sex, Age, Country }
    public sealed record IndicatorDefinition(Guid Id, string Code, string NameEn, string NameEs, string Unit, AggregationRule Aggregation, IReadOnlyList<Breakdown> Breakdowns, IReadOnlyList<string> Kinds)
    { public long Version { get; set; } public static Guid IdFor(string code) => DeterministicId.For("indicator", code); }
}
