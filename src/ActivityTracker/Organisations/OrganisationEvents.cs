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

/// <summary>The organisation is also known by <paramref name="Alias"/> (a former name, a unit, a translation).</summary>
public sealed record OrganisationAliasAdded(string Alias);

/// <summary>On the merged organisation's stream: it became part of <paramref name="IntoCode"/>, for the reason given.</summary>
public sealed record OrganisationMerged(string IntoCode, string Reason);

/// <summary>
/// On the survivor's stream, in the same transaction as <see cref="OrganisationMerged"/>: it absorbed
/// <paramref name="MergedCode"/>, whose names (as they stood at the merge) become its aliases.
/// </summary>
public sealed record OrganisationAbsorbed(string MergedCode, string Name, string? Acronym, IReadOnlyList<string> Aliases, string Reason);
