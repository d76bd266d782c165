using ActivityTracker.Access;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Programmes.Registering;

/// <summary>Register a programme. Properties are nullable so that a missing one is reported by name.</summary>
/// <param name="Code">2 to 30 capital letters, digits or hyphens (stored upper case), e.g. <c>MESO-CARIB</c>.</param>
/// <param name="NameEn">English name, at most 200 characters.</param>
/// <param name="NameEs">Spanish name, at most 200 characters.</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes of the countries it covers (<c>GET /api/reference/countries</c>); at least one.</param>
public sealed record RegisterProgramme(string? Code, string? NameEn, string? NameEs, IReadOnlyList<string?>? Countries)
{
    /// <summary>The whole rule: a registration needs no current state (a taken code is the store's answer).</summary>
    public Decision Decide(ReferenceData reference) => Decision.Check(Check(reference), () => [Registered(reference)]);

    /// <summary>The bad fields, for a form's messages as the administrator types.</summary>
    public FieldErrors Check(ReferenceData reference)
    {
        var errors = new FieldErrors()
            .RequireCode("code", Code, ProgrammeDetails.CodePattern, ProgrammeDetails.Canonical, Messages.Text("What_ProgrammeCode"), ProgrammeDetails.CodeShape)
            .RequireText("nameEn", NameEn, ProgrammeDetails.NameMaxLength, Messages.Text("What_EnglishName"))
            .RequireText("nameEs", NameEs, ProgrammeDetails.NameMaxLength, Messages.Text("What_SpanishName"));

        if (Countries is not { Count: > 0 })
            return errors.Add("countries", Messages.Text("CountriesRequired"));
        if (!errors.LimitCount("countries", Countries, ProgrammeDetails.CountriesMax))
            return errors;
        var unknown = Countries.Where(c => string.IsNullOrWhiteSpace(c) || !reference.Countries.ContainsKey(c.Trim())).Select(c => $"'{c}'").ToList();
        errors.When(unknown.Count > 0, "countries",
            Messages.Text(unknown.Count == 1 ? "NotACountry_One" : "NotACountry_Many", string.Join(", ", unknown)));
        var repeated = Countries.Where(c => !string.IsNullOrWhiteSpace(c))
            .GroupBy(c => c!.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key.ToUpperInvariant()).ToList();
        return errors.When(repeated.Count > 0, "countries", Messages.Text("CountriesRepeated", string.Join(", ", repeated)));
    }

    string CanonicalCode => ProgrammeDetails.Canonical(Code!);

    /// <summary>The event for a command that passed <see cref="Check"/>: trimmed names, canonical codes.</summary>
    ProgrammeRegistered Registered(ReferenceData reference) => new(
        ProgrammeDetails.IdFor(CanonicalCode),
        CanonicalCode,
        NameEn!.Trim(),
        NameEs!.Trim(),
        Countries!.Select(c => reference.Countries[c!.Trim()].Alpha2).ToList());
}

public static class RegisterProgrammeEndpoint
{
    /// <summary>Registers a programme as the first event of the stream named by its code; 409 when the code is taken.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/programmes", Name = "RegisterProgramme"), Tags("Programmes")]
    [StartsStream]
    public static Task<IResult> Post(RegisterProgramme command, ReferenceData reference, IDocumentSession session, CancellationToken ct) =>
        session.RegisterAsync<ProgrammeDetails>("programme", command.Decide(reference), "/api/programmes", ct);
}
