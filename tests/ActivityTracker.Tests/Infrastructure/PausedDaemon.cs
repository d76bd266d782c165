using ActivityTracker.Activities;
using JasperFx.Events;
using JasperFx.Events.Daemon;

namespace ActivityTracker.Tests.Infrastructure;

/// <summary>The async daemon paused with an event it has not processed: what a stalled daemon looks like.</summary>
public static class PausedDaemon
{
    public static readonly TimeSpan Age = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Records a job fair and lets the daemon process it, pauses the daemon, then appends a note
    /// dated <see cref="Age"/> ago; dispose to resume the daemon and wait until it has caught up.
    /// </summary>
    public static async Task<IAsyncDisposable> StallAsync(AppFixture app)
    {
        var (id, _) = await app.Host.RecordAsync(ActivityScenarios.TijuanaJobFair());
        await app.WaitForProjectionsAsync();
        var coordinator = app.Host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        var resume = new Resume(app, coordinator);
        try
        {
            await using var session = app.Store.LightweightSession();
            session.Events.Append(id, Event.AsEvent(new NoteAdded(id, "Written while the daemon was stopped")).AtTimestamp(DateTimeOffset.UtcNow - Age));
            await session.SaveChangesAsync();
            return resume;
        }
        catch
        {
            await resume.DisposeAsync();
            throw;
        }
    }

    sealed class Resume(AppFixture app, IProjectionCoordinator coordinator) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await coordinator.ResumeAsync();
            await app.WaitForProjectionsAsync();
        }
    }
}
