using System.Text.RegularExpressions;
using ActivityTracker.Access;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Organisations.Registering;

/// <summary>Register an organisation. Properties are nullable so that a missing one is reported by name.</summary>
/// <param name="Code">2 to 40 lower-case letters, digits or hyphens (stored lower case), e.g. <c>iom</c>.</param>
/// <param name="Name">Its official name, at most 200 characters.</param>
/// <param name="Acronym">Its usual acronym (e.g. <c>IOM</c>), at most 30 characters.</param>
/// <param name="Aliases">Other names it is known by (translations, units, former names), each at most 200 characters.</param>
/// <param name="IatiIdentifier">Its IATI organisation identifier, agency prefix first (e.g. <c>XM-DAC-47066</c>); omit when not known.</param>
/// <param name="Type">IATI organisation type, e.g. <c>Government</c>, <c>Multilateral</c>, <c>InternationalNgo</c>.</param>
public sealed record RegisterOrganisation(
    string? Code,
    string? Name,
    string? Acronym,
    IReadOnlyList<string?>? Aliases,
    string? IatiIdentifier,
    OrganisationType? Type)
{
    // Registration-agency prefix (country or XM/XI), agency, then the identifier it gives.
    static readonly Regex IatiIdentifierPattern = new("^[A-Za-z]{2}-[A-Za-z0-9]+-[A-Za-z0-9._:-]+$", RegexOptions.Compiled);

    /// <summary>The whole rule: a registration needs no current state (a taken code is the store's answer).</summary>
    public Decision Decide() => Decision.Check(Check(), () => [Registered()]);

    /// <summary>The bad fields, for a form's messages as the administrator types.</summary>
    public FieldErrors Check()
    {
        var errors = new FieldErrors()
            .RequireCode("code", Code, OrganisationDetails.CodePattern, OrganisationDetails.Canonical, Messages.Text("What_OrganisationCode"), OrganisationDetails.CodeShape)
            .RequireText("name", Name, OrganisationDetails.NameMaxLength, Messages.Text("What_Name"))
            .LimitText("acronym", Acronym, OrganisationDetails.AcronymMaxLength, Messages.Text("What_Acronym"));

        if (!errors.LimitCount("aliases", Aliases, OrganisationDetails.AliasesMax))
            return errors;
        foreach (var alias in Aliases ?? [])
        {
            if (string.IsNullOrWhiteSpace(alias))
                errors.Add("aliases", Messages.Text("AliasBlank"));
            else
                errors.LimitText("aliases", alias, OrganisationDetails.NameMaxLength, Messages.Text("What_AliasNamed", alias.Trim()));
        }
        var repeated = Names().GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").ToList();
        errors.When(repeated.Count > 0, "aliases",
            Messages.Text("NamesRepeated", string.Join(", ", repeated)));

        var iati = FieldRules.TrimToNull(IatiIdentifier);
        errors.When(iati is not null && (iati.Length > OrganisationDetails.IatiIdentifierMaxLength || !IatiIdentifierPattern.IsMatch(iati)), "iatiIdentifier",
            Messages.Text("NotIati", IatiIdentifier, OrganisationDetails.IatiIdentifierMaxLength));

        return Type is null
            ? errors.Add("type", Messages.Text("OrganisationTypeRequired", string.Join(", ", Enum.GetNames<OrganisationType>())))
            : errors.When(!Enum.IsDefined(Type.Value), "type",
                Messages.Text("NotAnOrganisationType", (int)Type.Value, string.Join(", ", Enum.GetNames<OrganisationType>())));
    }

    string CanonicalCode => OrganisationDetails.Canonical(Code!);

    /// <summary>The event for a command that passed <see cref="Check"/>: trimmed text, canonical code.</summary>
    OrganisationRegistered Registered() => new(
        OrganisationDetails.IdFor(CanonicalCode),
        CanonicalCode,
        Name!.Trim(),
        FieldRules.TrimToNull(Acronym),
        Aliases?.Select(a => a!.Trim()).ToList() ?? [],
        FieldRules.TrimToNull(IatiIdentifier),
        Type!.Value);

    IEnumerable<string> Names() =>
        new[] { Name, Acronym }.Concat(Aliases ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim());
}

public static class RegisterOrganisationEndpoint
{
    /// <summary>Registers an organisation as the first event of the stream named by its code; 409 when the code is taken.</summary>
    [Authorize(Roles = Roles.Admin)]
    [Instead("Instead_ProposeOrganisation")]
    [WolverinePost("/api/organisations", Name = "RegisterOrganisation"), Tags("Organisations")]
    [StartsStream]
    public static Task<IResult> Post(RegisterOrganisation command, IDocumentSession session, CancellationToken ct) =>
        session.RegisterAsync<OrganisationDetails>("organisation", command.Decide(), "/api/organisations", ct);
}
