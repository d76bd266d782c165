using ActivityTracker.Reference;

namespace ActivityTracker.Testing;

/// <summary>The code lists the app ships (seeds/reference), loaded once for every test that checks rules or renders names against them.</summary>
public static class CodeLists
{
    public static ReferenceData Shipped { get; } = ReferenceData.Load(SeedFile.DefaultDirectory);
}
