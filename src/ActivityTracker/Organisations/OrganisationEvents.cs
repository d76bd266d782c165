using ActivityTracker.Commands;

namespace ActivityTracker.Organisations;

// Events of an organisation's stream: business facts only; who and when come from Marten's metadata.

/// <summary>An organisation was registered: the first event of its stream.</summary>
public sealed record OrganisationRegistered(
    Guid OrganisationId,
    string Code,
    string Name,
    string? Acronym,
    IReadOnlyList<string> Aliases,
    string? IatiIdentifier,
    OrganisationType Type) : IRegistration
{
    Guid IRegistration.StreamId => OrganisationId;
}

/// <summary>
/// An officer proposed an organisation while logging: the first event of its stream, like <see cref="OrganisationRegistered"/>,
/// but pending until an administrator confirms it (<see cref="OrganisationConfirmed"/>) or merges it into one already known.
/// Who proposed it is the event's user (Marten metadata). It has no IATI identifier: the administrator gives one on confirming.
/// </summary>
public sealed record OrganisationProposed(
    Guid OrganisationId,
    string Code,
    string Name,
    string? Acronym,
    IReadOnlyList<string> Aliases,
    OrganisationType Type) : IRegistration
{
    Guid IRegistration.StreamId => OrganisationId;
}

/// <summary>An administrator confirmed a proposed organisation, as it now stands: its name, acronym, type and IATI identifier.</summary>
public sealed record OrganisationConfirmed(string Name, string? Acronym, OrganisationType Type, string? IatiIdentifier);

/// <summary>The organisation is also known by <paramref name="Alias"/> (a former name, a unit, a translation).</summary>
public sealed record OrganisationAliasAdded(string Alias);

/// <summary>On the merged organisation's stream: it became part of <paramref name="IntoCode"/>, for the reason given.</summary>
public sealed record OrganisationMerged(string IntoCode, string Reason);

/// <summary>
/// On the survivor's stream, in the same transaction as <see cref="OrganisationMerged"/>: it absorbed
/// <paramref name="MergedCode"/>, whose names (as they stood at the merge) become its aliases.
/// </summary>
public sealed record OrganisationAbsorbed(string MergedCode, string Name, string? Acronym, IReadOnlyList<string> Aliases, string Reason);
