using ActivityTracker.Access;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Programmes.Registering;

/// <summary>Register a programme. Properties are nullable so that a missing one is reported by name.</summary>
/// <param name="Code">2 to 30 capital letters, digits or hyphens (stored upper case), e.g. <c>MESO-CARIB</c>.</param>
/// <param name="NameEn">English name, at most 200 characters.</param>
/// <param name="NameEs">Spanish name, at most 200 characters.</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes of the countries it covers (<c>GET /api/reference/countries</c>); at least one.</param>
public sealed record RegisterProgramme(string? Code, string? NameEn, string? NameEs, IReadOnlyList<string?>? Countries)
{
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
    public ProgrammeRegistered ToEvent(ReferenceData reference) => new(
        ProgrammeDetails.IdFor(CanonicalCode),
        CanonicalCode,
        NameEn!.Trim(),
        NameEs!.Trim(),
        Countries!.Select(c => reference.Countries[c!.Trim()].Alpha2).ToList());
}

public static class RegisterProgrammeEndpoint
{
    public static ProblemDetails Validate(RegisterProgramme command, ReferenceData reference) =>
        command.Check(reference).ToProblemDetails(Messages.Text("Problem_ProgrammeNotRegistered"));

    /// <summary>Registers a programme as the first event of the stream named by its code; 409 when the code is taken.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/programmes", Name = "RegisterProgramme"), Tags("Programmes")]
    [StartsStream]
    public static Task<IResult> Post(RegisterProgramme command, ReferenceData reference, IDocumentSession session, CancellationToken ct)
    {
        var registered = command.ToEvent(reference);
        return session.RegisterAsync<ProgrammeDetails>("programme", registered.Code, registered.ProgrammeId, registered,
            $"/api/programmes/{registered.Code}", ct);
    }
}
