using ActivityTracker.Access;
using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Indicators;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Programmes.SettingTargets;

/// <summary>Set a programme's target for an indicator and period, or revise the one it has.</summary>
/// <param name="Version">The version of the programme you last read (optimistic concurrency).</param>
/// <param name="IndicatorCode">An indicator code (<c>GET /api/indicators</c>), e.g. <c>jobfair-hired</c>.</param>
/// <param name="Period">A year (<c>2019</c>) or a quarter (<c>2019-Q1</c>).</param>
/// <param name="Value">The target, zero or more.</param>
/// <param name="Reason">Why, at most 500 characters: optional for a first target, required to revise one.</param>
public sealed record SetProgrammeTarget(long? Version, string? IndicatorCode, string? Period, decimal? Value, string? Reason)
{
    /// <summary>The rules that need no current state.</summary>
    public FieldErrors Check()
    {
        var errors = new FieldErrors()
            .RequireCode("indicatorCode", IndicatorCode, IndicatorDefinition.CodePattern, IndicatorDefinition.Canonical, Messages.Text("What_IndicatorCode"), IndicatorDefinition.CodeShape);
        errors.Period("period", Period);
        return errors
            .When(Value is null, "value", Messages.Text("TargetValueRequired"))
            .When(Value < 0, "value", Messages.Text("TargetNegative"))
            .LimitText("reason", Reason, FieldRules.ReasonMaxLength, Messages.Text("What_Reason"));
    }

    /// <summary>
    /// The whole rule: the indicator must exist; a first target for the indicator and period is
    /// set, an existing one is revised, which needs a reason and a different value.
    /// </summary>
    /// <param name="indicator">The indicator <see cref="IndicatorCode"/> names, or null when there is none.</param>
    public Decision Decide(ProgrammeDetails programme, IndicatorDefinition? indicator)
    {
        var errors = Check();
        errors.When(indicator is null && !errors.ByField.ContainsKey("indicatorCode"), "indicatorCode", Messages.Text("TargetNotAnIndicator", IndicatorCode));
        if (!errors.IsEmpty)
            return new Decision.Invalid(errors);

        var indicatorCode = indicator!.Code;
        var period = Period!.Trim().ToUpperInvariant();
        var value = Value!.Value;
        var reason = FieldRules.TrimToNull(Reason);

        if (programme.TargetFor(indicatorCode, period) is not { } current)
            return Decision.Append(new ProgrammeTargetSet(indicatorCode, period, value, reason));
        if (current.Value == value)
            return Decision.Refuse(Messages.Text("TargetUnchanged", period, programme.Code, indicatorCode, value));
        if (reason is null)
            return new Decision.Invalid(new FieldErrors().Add("reason",
                Messages.Text("TargetRevisionReason", period, indicatorCode, current.Value, value)));
        return Decision.Append(new ProgrammeTargetRevised(indicatorCode, period, value, reason));
    }
}

public static class SetProgrammeTargetEndpoint
{
    /// <summary>Sets a programme's target for an indicator and period, or revises it (a revision needs a reason).</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/programmes/{code}/targets", Name = "SetProgrammeTarget"), Tags("Programmes")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(string code, SetProgrammeTarget command, IDocumentSession session, CancellationToken ct)
    {
        var indicator = command.IndicatorCode is { } indicatorCode
            ? await session.LoadAsync<IndicatorDefinition>(IndicatorDefinition.IdFor(indicatorCode), ct)
            : null;
        return await session.DecideAsync<ProgrammeDetails>("programme", ProgrammeDetails.IdFor(code), command.Version,
            programme => command.Decide(programme, indicator), StreamCommands.Everyone, ct);
    }
}
