using ActivityTracker.Access;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Kinds.Renaming;

/// <summary>Rename an activity kind in both languages; its code, and so every activity of the kind, stays.</summary>
/// <param name="Version">The version of the kind you last read (optimistic concurrency).</param>
/// <param name="NameEn">English name, at most 100 characters.</param>
/// <param name="NameEs">Spanish name, at most 100 characters.</param>
public sealed record RenameActivityKind(long? Version, string? NameEn, string? NameEs)
{
    public FieldErrors Check() => new FieldErrors()
        .RequireText("nameEn", NameEn, ActivityKindDetails.NameMaxLength, Messages.Text("What_EnglishName"))
        .RequireText("nameEs", NameEs, ActivityKindDetails.NameMaxLength, Messages.Text("What_SpanishName"));

    /// <summary>The whole rule: both names, and a change to at least one of them.</summary>
    public Decision Decide(ActivityKindDetails kind) => Decision.Check(Check(), () => [new ActivityKindRenamed(NameEn!.Trim(), NameEs!.Trim())]) switch
    {
        Decision.Accepted { Events: [ActivityKindRenamed renamed] } when renamed.NameEn == kind.NameEn && renamed.NameEs == kind.NameEs =>
            Decision.Refuse(Messages.Text("KindRenameChangesNothing", kind.Code)),
        var decision => decision,
    };
}

public static class RenameActivityKindEndpoint
{
    /// <summary>Renames an activity kind in English and Spanish.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/activity-kinds/{code}/rename", Name = "RenameActivityKind"), Tags("Activity kinds")]
    [StreamCommand]
    public static Task<IResult> Post(string code, RenameActivityKind command, IDocumentSession session, CancellationToken ct) =>
        session.DecideAsync<ActivityKindDetails>("activity kind", ActivityKindDetails.IdFor(code), command.Version, command.Decide, StreamCommands.Everyone, ct);
}
