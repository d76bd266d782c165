namespace ActivityTracker.FaultTests.Infrastructure;

/// <summary>Waiting for a condition in the fault tests: polled, never a fixed sleep standing in for it.</summary>
public static class Poll
{
    /// <summary>Polls <paramref name="condition"/> every <paramref name="every"/> (100 ms) until it holds; fails with <paramref name="what"/> after <paramref name="within"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> what, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what()} within {within}");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }
    }
}
