using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace ActivityTracker.Organisations;

// Organisations: governments, agencies, NGOs and donors that take part in activities. Each is
// an event stream named by its code, because organisations get renamed, gain aliases and merge;
// figures per partner follow a merge across all history (OrganisationDirectory.ResolveAsync).

/// <summary>The kind of organisation: IATI's OrganisationType code list (the numbers are the IATI codes).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrganisationType>))]
public enum OrganisationType
{
    Government = 10,
    LocalGovernment = 11,
    OtherPublicSector = 15,
    InternationalNgo = 21,
    NationalNgo = 22,
    RegionalNgo = 23,
    PartnerCountryNgo = 24,
    PublicPrivatePartnership = 30,
    Multilateral = 40,
    Foundation = 60,
    PrivateSector = 70,
    Academic = 80,
    Other = 90,
}

/// <summary>An organisation as it now stands, projected inline from its stream.</summary>
/// <param name="Code">Lower-case kebab code, e.g. <c>iom</c>.</param>
/// <param name="Aliases">Other names it is known by, including those of the organisations merged into it.</param>
/// <param name="IatiIdentifier">Its IATI organisation identifier (e.g. <c>XM-DAC-47066</c>), when known.</param>
/// <param name="MergedIntoCode">The code of the organisation it was merged into; null while it stands on its own.</param>
/// <param name="IsPending">Proposed by an officer and not yet confirmed or merged by an administrator: usable as a partner, shown "pending".</param>
/// <param name="ProposedBy">Who proposed it (the user of its first event); null for one an administrator registered.</param>
public sealed record OrganisationDetails(
    Guid Id,
    string Code,
    string Name,
    string? Acronym,
    IReadOnlyList<string> Aliases,
    string? IatiIdentifier,
    OrganisationType Type,
    string? MergedIntoCode,
    bool IsPending = false,
    string? ProposedBy = null)
{
    public const int NameMaxLength = 200;
    public const int AcronymMaxLength = 30;
    public const int IatiIdentifierMaxLength = 100;
    /// <summary>The most aliases one registration may list (FieldRules.LimitCount).</summary>
    public const int AliasesMax = 20;
    public static string CodeShape => Messages.Text("CodeShape_Organisation");

    /// <summary>The stream version this view reflects; clients send it back for optimistic concurrency.</summary>
    public long Version { get; set; }

    public static Guid IdFor(string code) => DeterministicId.For("organisation", code);

    public static Regex CodePattern { get; } = new("^[a-z0-9-]{2,40}$", RegexOptions.Compiled);

    /// <summary>The stored spelling of a code: trimmed, lower case.</summary>
    public static string Canonical(string code) => code.Trim().ToLowerInvariant();

    /// <summary>Whether <paramref name="name"/> is its name, acronym or one of its aliases, ignoring case and surrounding spaces.</summary>
    public bool IsKnownAs(string name) => Names().Contains(name.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Its name, acronym (when it has one) and aliases.</summary>
    public IEnumerable<string> Names() => new[] { Name, Acronym }.OfType<string>().Concat(Aliases);
}

public sealed class OrganisationDetailsProjection : SingleStreamProjection<OrganisationDetails, Guid>
{
    public static OrganisationDetails Create(IEvent<OrganisationRegistered> e) => new(
        e.StreamId, e.Data.Code, e.Data.Name, e.Data.Acronym, e.Data.Aliases, e.Data.IatiIdentifier, e.Data.Type, MergedIntoCode: null);

    public static OrganisationDetails Create(IEvent<OrganisationProposed> e) => new(
        e.StreamId, e.Data.Code, e.Data.Name, e.Data.Acronym, e.Data.Aliases, IatiIdentifier: null, e.Data.Type, MergedIntoCode: null,
        IsPending: true, ProposedBy: e.UserName);

    public static OrganisationDetails Apply(OrganisationConfirmed e, OrganisationDetails organisation) => organisation with
    {
        Name = e.Name,
        Acronym = e.Acronym,
        Type = e.Type,
        IatiIdentifier = e.IatiIdentifier,
        IsPending = false,
    };

    public static OrganisationDetails Apply(OrganisationAliasAdded e, OrganisationDetails organisation) =>
        organisation with { Aliases = [.. organisation.Aliases, e.Alias] };

    /// <summary>A proposal merged into an organisation already known is settled: no longer pending.</summary>
    public static OrganisationDetails Apply(OrganisationMerged e, OrganisationDetails organisation) =>
        organisation with { MergedIntoCode = e.IntoCode, IsPending = false };

    /// <summary>The survivor is now also known by every name of the organisation it absorbed, each once.</summary>
    public static OrganisationDetails Apply(OrganisationAbsorbed e, OrganisationDetails organisation)
    {
        var known = organisation.Names().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var gained = new[] { e.Name, e.Acronym }.OfType<string>().Concat(e.Aliases).Where(known.Add);
        return organisation with { Aliases = [.. organisation.Aliases, .. gained] };
    }
}
