using ActivityTracker.Access;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Indicators;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ActivityTracker.Kinds.Adding;

/// <summary>Add an activity kind. Properties are nullable so that a missing one is reported by name.</summary>
/// <param name="Code">2 to 40 lower-case letters, digits or hyphens (stored lower case), e.g. <c>workshop</c>; it never changes.</param>
/// <param name="NameEn">English name, at most 100 characters.</param>
/// <param name="NameEs">Spanish name, at most 100 characters.</param>
/// <param name="Indicators">Codes of the indicators that apply to it (<c>GET /api/indicators</c>); those for any kind apply anyway.</param>
public sealed record AddActivityKind(string? Code, string? NameEn, string? NameEs, IReadOnlyList<string?>? Indicators = null)
{
    /// <summary>The rules that need nothing stored, for a form's messages as the administrator types.</summary>
    public FieldErrors Check() => new FieldErrors()
        .RequireCode("code", Code, ActivityKindDetails.CodePattern, ActivityKindDetails.Canonical, Messages.Text("What_KindCode"), ActivityKindDetails.CodeShape)
        .RequireText("nameEn", NameEn, ActivityKindDetails.NameMaxLength, Messages.Text("What_EnglishName"))
        .RequireText("nameEs", NameEs, ActivityKindDetails.NameMaxLength, Messages.Text("What_SpanishName"));

    /// <summary>
    /// The whole rule: the kind's first event, and the revisions that make the chosen indicators apply to it (appended in the
    /// same transaction). A code another kind has is refused (409); one taken meanwhile is the store's 409.
    /// </summary>
    /// <param name="indicators">Every indicator.</param>
    /// <param name="kinds">Every kind there is (<see cref="KindList.LoadAsync"/>).</param>
    public (Decision Kind, IReadOnlyList<IndicatorChange> Indicators) Decide(IReadOnlyCollection<IndicatorDefinition> indicators,
        IReadOnlyDictionary<string, NamedCode> kinds)
    {
        var errors = Check();
        if (!errors.IsEmpty)
        {
            // The list is checked too, so that every bad field is named at once; which indicators change needs the code.
            return (new Decision.Invalid(errors.CheckList(Indicators, indicators)), []);
        }
        var code = ActivityKindDetails.Canonical(Code!);
        if (kinds.ContainsKey(code))
            return (Decision.Refuse(Messages.About("activity kind", "Problem_AlreadyRegisteredDetail", code)), []);

        var added = new ActivityKindAdded(ActivityKindDetails.IdFor(code), code, NameEn!.Trim(), NameEs!.Trim());
        var withIt = new Dictionary<string, NamedCode>(kinds, StringComparer.OrdinalIgnoreCase) { [code] = new NamedCode(code, added.NameEn, added.NameEs) };
        var changes = KindIndicators.Changes(errors, code, Indicators, false, indicators, withIt);
        return errors.IsEmpty ? (Decision.Append(added), changes) : (new Decision.Invalid(errors), []);
    }

    /// <summary>
    /// The one handler of adding a kind, behind <c>POST /api/activity-kinds</c> and the admin page: the rules against the
    /// kinds and indicators as stored now; the kind's stream and the indicators' revisions are committed together.
    /// </summary>
    public async Task<(CommandOutcome Outcome, Decision Decision)> AddAsync(IDocumentSession session, ReferenceData codes, CancellationToken ct)
    {
        var indicators = await session.Query<IndicatorDefinition>().ToListAsync(ct);
        var (decision, changes) = Decide(indicators, await KindList.LoadAsync(session, codes, ct));
        if (decision is Decision.Accepted)
            await KindIndicators.AppendAsync(session, changes, ct);
        return (await session.RegisterAsync<ActivityKindDetails>(decision, ct), decision);
    }
}

public static class AddActivityKindEndpoint
{
    /// <summary>
    /// Adds an activity kind as the first event of the stream named by its code, and makes the indicators named apply to it
    /// (each revised in the same transaction); 409 when the code is taken.
    /// </summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/activity-kinds", Name = "AddActivityKind"), Tags("Activity kinds")]
    [StartsStream]
    public static async Task<IResult> Post(AddActivityKind command, ReferenceData codes, IDocumentSession session, CancellationToken ct)
    {
        var (outcome, decision) = await command.AddAsync(session, codes, ct);
        return CommandAnswers.Registered(outcome, "activity kind", decision, "/api/activity-kinds");
    }
}
