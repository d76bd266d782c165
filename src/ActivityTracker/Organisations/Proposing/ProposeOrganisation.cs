using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using ActivityTracker.Organisations.Registering;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace ActivityTracker.Organisations.Proposing;

// An officer who meets a partner the directory does not know proposes it while logging, instead of waiting for an
// administrator: the proposal is an organisation stream of its own, usable as a partner at once and marked pending until
// an administrator confirms it (Confirming/) or merges it into one already known (Merging/).

/// <summary>Propose an organisation the directory does not know yet. Properties are nullable so that a missing one is reported by name.</summary>
/// <param name="Name">Its name, at most 200 characters.</param>
/// <param name="Acronym">Its usual acronym, at most 30 characters.</param>
/// <param name="Type">IATI organisation type, e.g. <c>Government</c>, <c>NationalNgo</c>.</param>
/// <param name="Aliases">Other names it is known by, each at most 200 characters.</param>
/// <param name="Code">Its code (2 to 40 lower-case letters, digits or hyphens); left out, it is made from the acronym or the name.</param>
public sealed record ProposeOrganisation(
    string? Name,
    string? Acronym,
    OrganisationType? Type,
    IReadOnlyList<string?>? Aliases = null,
    string? Code = null)
{
    /// <summary>The most proposals one user may have waiting for an administrator, so that nobody floods the directory.</summary>
    public const int PendingPerUserMax = 20;

    /// <summary>
    /// The whole rule, against the directory as it stands (every organisation, merged ones included): the registration's
    /// rules on the fields; refused when one of its names is already an organisation's (use that one) or when
    /// <paramref name="proposer"/> already has <see cref="PendingPerUserMax"/> proposals waiting. A code taken meanwhile is
    /// the store's 409.
    /// </summary>
    public Decision Decide(IReadOnlyCollection<OrganisationDetails> directory, string proposer)
    {
        var code = string.IsNullOrWhiteSpace(Code) ? FreeCode(directory) : Code;
        // A code that cannot be made is said once, as such: the registration's rules then check the rest against a stand-in.
        var errors = new RegisterOrganisation(code ?? "stand-in", Name, Acronym, Aliases, IatiIdentifier: null, Type).Check();
        if (code is null)
            errors.Add("code", Messages.Text("Propose_CodeNeeded", OrganisationDetails.CodeShape));
        if (!errors.IsEmpty)
            return new Decision.Invalid(errors);

        foreach (var name in new[] { Acronym, Name }.Concat(Aliases ?? []).Where(n => !string.IsNullOrWhiteSpace(n)))
            if (OrganisationSearch.KnownAs(name, directory) is { } known)
                return Decision.Refuse(Messages.Text(known.IsPending ? "Propose_KnownPending" : "Propose_Known", name!.Trim(), known.Name, known.Code));
        if (directory.Count(o => o.IsPending && string.Equals(o.ProposedBy, proposer, StringComparison.OrdinalIgnoreCase)) >= PendingPerUserMax)
            return Decision.Refuse(Messages.Text("Propose_TooMany", PendingPerUserMax));

        var canonical = OrganisationDetails.Canonical(code!);
        return Decision.Append(new OrganisationProposed(OrganisationDetails.IdFor(canonical), canonical, Name!.Trim(), FieldRules.TrimToNull(Acronym),
            Aliases?.Select(a => a!.Trim()).ToList() ?? [], Type!.Value));
    }

    /// <summary>
    /// A code made from the acronym (else the name), folded to lower-case words joined by hyphens ("Pastoral de Movilidad
    /// Humana" is <c>pastoral-de-movilidad-humana</c>), with <c>-2</c>, <c>-3</c>... when the directory has it; null when
    /// neither has two letters or digits.
    /// </summary>
    public string? FreeCode(IReadOnlyCollection<OrganisationDetails> directory)
    {
        var stem = new[] { Acronym, Name }.Select(Slug).FirstOrDefault(s => s.Length >= 2);
        if (stem is null)
            return null;
        var taken = directory.Select(o => o.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : $"-{n}";
            var code = stem[..Math.Min(stem.Length, MaxCodeLength - suffix.Length)].TrimEnd('-') + suffix;
            if (!taken.Contains(code))
                return code;
        }
    }

    const int MaxCodeLength = 40;

    /// <summary>The most organisations a proposal's answer names as perhaps the same.</summary>
    public const int SimilarMax = 5;

    /// <summary>
    /// Organisations standing on their own that the search finds by the proposal's name or acronym (every word typed begins
    /// one of theirs: "Pastoral Movilidad" finds "Pastoral de Movilidad Humana"), other than <paramref name="code"/>: names
    /// close enough to warn about, not equal (those are refused).
    /// </summary>
    public IReadOnlyList<SimilarOrganisation> Similar(IEnumerable<OrganisationDetails> directory, string code)
    {
        var standing = directory.Where(o => o.MergedIntoCode is null && o.Code != code).ToList();
        return [.. new[] { Acronym, Name }.Where(n => !string.IsNullOrWhiteSpace(n)).SelectMany(n => OrganisationSearch.Find(n, standing))
            .DistinctBy(o => o.Code).Take(SimilarMax).Select(o => new SimilarOrganisation(o.Code, o.Name, o.Acronym, o.IsPending))];
    }

    static string Slug(string? text) => string.Join('-', OrganisationSearch.Words(text).Select(w => new string([.. w.Where(char.IsAsciiLetterOrDigit)])).Where(w => w.Length > 0));
}

/// <summary>An organisation whose name begins like a proposal's.</summary>
public sealed record SimilarOrganisation(string Code, string Name, string? Acronym, bool IsPending);

/// <summary>The answer to an accepted proposal: where it is, and the organisations it may duplicate all the same (check them; an administrator may merge it).</summary>
public sealed record ProposedOrganisation(string Url, Guid Value, IReadOnlyList<SimilarOrganisation> Similar) : CreationResponse<Guid>(Url, Value);

public static class ProposeOrganisationEndpoint
{
    /// <summary>
    /// An officer proposes an organisation: it starts its stream as pending (<c>isPending</c>), usable as a partner at once,
    /// until an administrator confirms or merges it. 409 when one of its names is an organisation's already (the detail
    /// names it), when the code is taken, or when the officer has too many proposals waiting.
    /// </summary>
    [Authorize(Roles = Roles.Officer)]
    [WolverinePost("/api/organisations/proposals", Name = "ProposeOrganisation"), Tags("Organisations")]
    [StartsStream(Created = typeof(ProposedOrganisation))]
    public static async Task<IResult> Post(ProposeOrganisation command, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var directory = await OrganisationDirectory.AllAsync(session, ct);
        var decision = command.Decide(directory, user.Identity?.Name ?? "");
        var answer = await session.RegisterAsync<OrganisationDetails>("organisation", decision, "/api/organisations", ct);
        return answer is Created<CreationResponse<Guid>> { Value: { } created } && decision is Decision.Accepted accepted
            ? Results.Created(created.Url, new ProposedOrganisation(created.Url, created.Value, command.Similar(directory, NamedStreams.Registered(accepted).Code)))
            : answer;
    }
}
