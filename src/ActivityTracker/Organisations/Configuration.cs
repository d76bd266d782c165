using JasperFx.Events.Projections;
using Marten;

namespace ActivityTracker.Organisations;

public static class OrganisationsConfiguration
{
    public static StoreOptions ConfigureOrganisations(this StoreOptions options)
    {
        // Inline: a merge is visible on both organisations as soon as it is committed.
        options.Projections.Add<OrganisationDetailsProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<OrganisationDetails>().UniqueIndex(o => o.Code);
        return options;
    }
}
