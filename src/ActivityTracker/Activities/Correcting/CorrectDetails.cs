using System.Security.Claims;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Activities.Correcting;

/// <summary>
/// Correct descriptive details with a reason (typo, late data, double count,
/// reclassification). Send only what changes; an empty description clears it. Figures
/// are corrected by reporting them again.
/// </summary>
public sealed record CorrectDetails(
    long? Version,
    CorrectionInput? Correction,
    string? Kind = null,
    string? Language = null,
    string? Title = null,
    string? Description = null,
    LocationInput? Location = null,
    IReadOnlyList<string?>? ParticipatingCountries = null,
    string? ProgrammeCode = null,
    string? SectorCode = null,
    IReadOnlyList<string?>? Tags = null)
{
    public Decision Decide(ActivityDetails activity, Catalog catalog)
    {
        if (ActivityRules.WhyFrozen(activity) is { } frozen)
            return Decision.Refuse(frozen);

        var errors = new FieldErrors();
        var correction = ActivityRules.Correction(errors, "correction", Correction, true, Messages.Text("Correction_Details"));
        var changes = new DetailChanges(
            Kind: Kind is null ? null : ActivityRules.Kind(errors, "kind", Kind, catalog),
            Language: Language is null ? null : ActivityRules.Code(errors, "language", Language, catalog.Codes.Languages, Messages.Text("Noun_Language")),
            Title: Title is null ? null : errors.Text("title", Title, ActivityRules.TitleMaxLength, true, Messages.Text("What_Title")),
            Description: Description is null ? null : errors.Text("description", Description, ActivityRules.DescriptionMaxLength, false, Messages.Text("What_Description")) ?? "",
            Location: ActivityRules.Location(errors, "location", Location, catalog),
            ParticipatingCountries: ParticipatingCountries is null ? null : ActivityRules.Countries(errors, "participatingCountries", ParticipatingCountries, catalog),
            ProgrammeCode: ProgrammeCode is null ? null : ActivityRules.Programme(errors, "programmeCode", ProgrammeCode, catalog),
            SectorCode: SectorCode is null ? null : ActivityRules.Code(errors, "sectorCode", SectorCode, catalog.Codes.Sectors, Messages.Text("Noun_DacSector")),
            Tags: Tags is null ? null : ActivityRules.Tags(errors, "tags", Tags, catalog));

        if (errors.IsEmpty && !Changes(changes, activity))
            errors.Add("correction", Messages.Text("NothingChanges"));
        errors.When(changes.Kind is { } kind && kind != activity.Kind && activity.Outcomes.Count > 0, "kind",
            Messages.Text("KindHasOutcomes"));
        return Decision.Check(errors, () => [new DetailsCorrected(activity.Id, correction!, changes)]);
    }

    static bool Changes(DetailChanges c, ActivityDetails a) =>
        (c.Kind is { } kind && kind != a.Kind)
        || (c.Language is { } language && language != a.Language)
        || (c.Title is { } title && title != a.Title)
        || (c.Description is { } description && (description.Length == 0 ? a.Description is not null : description != a.Description))
        || (c.Location is { } location && location != a.Location)
        || (c.ParticipatingCountries is { } countries && !countries.SequenceEqual(a.ParticipatingCountries))
        || (c.ProgrammeCode is { } programme && programme != a.ProgrammeCode)
        || (c.SectorCode is { } sector && sector != a.SectorCode)
        || (c.Tags is { } tags && !tags.SequenceEqual(a.Tags));
}

public static class CorrectDetailsEndpoint
{
    /// <summary>Corrects descriptive details, with a reason.</summary>
    [Authorize(Roles = ActivityAccess.Officers)]
    [WolverinePost("/api/activities/{id}/corrections", Name = "CorrectDetails"), Tags("Activities")]
    [StreamCommand]
    public static async Task<IResult> Post(Guid id, CorrectDetails command, IDocumentSession session, ClaimsPrincipal user, ReferenceData codes, CancellationToken ct)
    {
        var catalog = await Catalog.LoadAsync(session, codes, [command.ProgrammeCode], [], [], [command.Kind], [], ct);
        return await CommandAnswers.AnswerAsync("activity", id, command.Version,
            version => session.ChangeActivityAsync(user, id, version, a => command.Decide(a, catalog), ct));
    }
}
