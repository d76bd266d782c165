using JasperFx.Events;

namespace ActivityTracker.Tests.Infrastructure;

/// <summary>History written straight to the event store at fixed instants, for time travel ("what did we report on 31 March?").</summary>
public static class HistoryScenarios
{
    /// <summary>Appends <paramref name="events"/> to stream <paramref name="id"/> (starting it if new) as <paramref name="user"/>, all stamped <paramref name="at"/>.</summary>
    public static async Task AppendAtAsync(this AppFixture app, Guid id, DateTimeOffset at, string user, params object[] events)
    {
        await using var session = app.Store.LightweightSession();
        session.LastModifiedBy = user;
        session.Events.Append(id, events.Select(e => (object)Stamped(e, at)).ToArray());
        await session.SaveChangesAsync();
    }

    /// <summary>
    /// The event wrapped as <c>Event&lt;TheEventType&gt;</c>: <c>Event.AsEvent(e)</c> on an
    /// <see cref="object"/> makes an <c>Event&lt;object&gt;</c>, stored under the type name "object".
    /// </summary>
    public static IEvent Stamped(object data, DateTimeOffset at) =>
        ((IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!).AtTimestamp(at);
}
