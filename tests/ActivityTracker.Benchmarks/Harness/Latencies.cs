using System.Diagnostics;

namespace ActivityTracker.Benchmarks.Harness;

/// <summary>Latencies of one load, in milliseconds, thread-safe to add to.</summary>
public sealed class Latencies
{
    readonly List<double> _values = [];

    public void Add(double milliseconds)
    {
        lock (_values)
            _values.Add(milliseconds);
    }

    public int Count { get { lock (_values) return _values.Count; } }

    public double Percentile(double p)
    {
        lock (_values)
        {
            if (_values.Count == 0)
                return 0;
            var sorted = _values.Order().ToList();
            return Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)], 2);
        }
    }

    /// <summary>Runs <paramref name="operation"/> and adds how long it took.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> operation)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await operation();
        Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }
}

/// <summary>Closed-loop load: <c>clients</c> loops, each calling the operation again as soon as it returns.</summary>
public static class Load
{
    /// <param name="NotSent">Operations an open-loop load did not start because too many were still unanswered (<see cref="AtRateAsync"/>).</param>
    public sealed record Outcome(int Operations, int Failures, double Seconds, Latencies Latencies, int NotSent = 0)
    {
        public double PerSecond => Math.Round(Operations / Seconds, 1);

        /// <summary>The figures every load reports in its row's details (p50, p99, failures), names starting with <paramref name="side"/> (e.g. "baseline ").</summary>
        public IEnumerable<KeyValuePair<string, double>> Details(string side = "") =>
        [
            new($"{side}p50 ms", Latencies.Percentile(50)),
            new($"{side}p99 ms", Latencies.Percentile(99)),
            new($"{side}failures", Failures),
        ];
    }

    /// <param name="operation">One operation of client <c>i</c>; false counts as a failure.</param>
    public static async Task<Outcome> RunAsync(int clients, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        var latencies = new Latencies();
        int operations = 0, failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                if (await latencies.TimeAsync(() => operation(client)))
                    Interlocked.Increment(ref operations);
                else
                    Interlocked.Increment(ref failures);
            }
        })));
        return new Outcome(operations, failures, watch.Elapsed.TotalSeconds, latencies);
    }

    /// <summary>
    /// Open-loop load: starts an operation every 1/<paramref name="perSecond"/> s whatever the answers, for <paramref name="duration"/>.
    /// With <paramref name="mostInFlight"/>, an operation due while that many are unanswered is not started (counted in
    /// <see cref="Outcome.NotSent"/>): a server that cannot keep up with the rate would otherwise have requests queued for
    /// minutes (and time out), which says no more than "it fell behind" and makes the run last far longer.
    /// </summary>
    public static async Task<Outcome> AtRateAsync(int perSecond, TimeSpan duration, Func<Task<bool>> operation, int? mostInFlight = null)
    {
        var latencies = new Latencies();
        int operations = 0, failures = 0, inFlight = 0, notSent = 0;
        var running = new List<Task>();
        var watch = Stopwatch.StartNew();
        var total = (int)(perSecond * duration.TotalSeconds);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > watch.Elapsed)
                await Task.Delay(due - watch.Elapsed);
            if (Volatile.Read(ref inFlight) >= mostInFlight)
            {
                notSent++;
                continue;
            }
            Interlocked.Increment(ref inFlight);
            running.Add(Task.Run(async () =>
            {
                try
                {
                    if (await latencies.TimeAsync(operation))
                        Interlocked.Increment(ref operations);
                    else
                        Interlocked.Increment(ref failures);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }));
        }
        await Task.WhenAll(running);
        return new Outcome(operations, failures, watch.Elapsed.TotalSeconds, latencies, notSent);
    }
}
