namespace ActivityTracker.Testing;

/// <summary>The tests' fixed "today": rules about the future and the demo data's dates are checked against it, not the machine's clock.</summary>
public static class TestClock
{
    public static readonly DateOnly Today = new(2026, 11, 28);
}
