using ActivityTracker.Reference;
using JasperFx.Events.Projections;
using Marten;

namespace ActivityTracker.Kinds;

public static class KindsConfiguration
{
    public static StoreOptions ConfigureActivityKinds(this StoreOptions options)
    {
        // Inline: a kind added a moment ago can be recorded straight away (the write path reads its document).
        options.Projections.Add<ActivityKindDetailsProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ActivityKindDetails>().UniqueIndex(k => k.Code);
        return options;
    }
}
