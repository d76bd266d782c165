using ActivityTracker.Commands;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using Marten;

namespace ActivityTracker.Http;

/// <summary>
/// The HTTP answers of commands: each endpoint runs its command through <see cref="StreamCommands"/> (or its slice's
/// handler) and answers with one of these, so every command says 400, 403, 404 and 409 the same way.
/// </summary>
public static class CommandAnswers
{
    /// <param name="noun">What the stream is, for messages ("activity", "programme").</param>
    /// <param name="expectedVersion">The version the client last read; null answers 400.</param>
    /// <param name="mayWrite">Whether the signed-in user may write these events to this record; 403 when not.</param>
    public static Task<IResult> DecideAsync<T>(this IDocumentSession session, string noun, Guid id, long? expectedVersion,
        Func<T, Decision> decide, WriteScope<T> mayWrite, CancellationToken ct) where T : class =>
        AnswerAsync(noun, id, expectedVersion, expected => session.ApplyAsync(id, expected, decide, mayWrite, ct));

    /// <summary>
    /// The answer to a command on an existing record that <paramref name="apply"/> runs at the version the client last read
    /// (a slice's own function, e.g. <c>ChangeActivityAsync</c>): 200, 400, 403, 404 or 409.
    /// </summary>
    /// <param name="expectedVersion">The version the client last read; null answers 400 without running the command.</param>
    public static async Task<IResult> AnswerAsync(string noun, Guid id, long? expectedVersion, Func<long, Task<CommandOutcome>> apply)
    {
        if (expectedVersion is not { } expected)
            return Invalid(new FieldErrors().Add("version", Messages.About(noun, "Problem_VersionRequired")), noun);

        return await apply(expected) switch
        {
            CommandOutcome.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.About(noun, "Problem_NoSuch"), detail: Messages.About(noun, "Problem_NoSuchId", id)),
            CommandOutcome.OutsideScope => OutsideScope(noun),
            CommandOutcome.Stale stale => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: Messages.About(noun, "Problem_Stale"),
                detail: Messages.Text("Problem_StaleDetail", expected, stale.CurrentVersion),
                extensions: new Dictionary<string, object?> { ["currentVersion"] = stale.CurrentVersion }),
            CommandOutcome.Decided decided => Answer(decided.Decision, id, decided.Version, noun),
            var other => throw new InvalidOperationException($"Unknown outcome {other}"),
        };
    }

    /// <summary>
    /// A command on a stream that its first accepted command starts (<see cref="StreamCommands.DecideOrStartAsync{T}"/>):
    /// a request that another started first is answered 409, never 500, with nothing stored.
    /// </summary>
    public static async Task<IResult> DecideOrStartAsync<T>(this IDocumentSession session, string noun, Guid id,
        Func<T?, Decision> decide, CancellationToken ct) where T : class =>
        await session.DecideOrStartAsync(id, decide, ct) switch
        {
            CommandOutcome.Decided decided => Answer(decided.Decision, id, decided.Version, noun),
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: Messages.About(noun, "Problem_Stale"), detail: Messages.About(noun, "Problem_StartedMeanwhile")),
        };

    /// <summary>The HTTP answer to a decision taken against <paramref name="version"/> of stream <paramref name="id"/>.</summary>
    static IResult Answer(Decision decision, Guid id, long version, string noun) => decision switch
    {
        Decision.Accepted accepted => Results.Ok(new CommandAccepted(id, version + accepted.Events.Count)),
        Decision.Invalid invalid => Invalid(invalid.Errors, noun),
        Decision.Refused refused => Results.Problem(statusCode: StatusCodes.Status409Conflict,
            title: Messages.About(noun, "Problem_Refused"), detail: refused.Reason,
            extensions: new Dictionary<string, object?> { ["currentVersion"] = version }),
        _ => throw new InvalidOperationException($"Unknown decision {decision.GetType()}"),
    };

    /// <summary>The answer to a command that starts stream <paramref name="id"/>: 201 with its location, 400, 403 or 409.</summary>
    public static IResult Created(CommandOutcome outcome, string noun, Guid id, string location) => outcome switch
    {
        CommandOutcome.Decided { Decision: Decision.Accepted } => Results.Created(location, new Wolverine.Http.CreationResponse<Guid>(location, id)),
        CommandOutcome.Decided { Decision: Decision.Invalid invalid } =>
            Results.ValidationProblem(invalid.Errors.ByField, FieldErrors.Detail, title: Messages.About(noun, "Problem_NotRecordedInvalid")),
        CommandOutcome.Decided { Decision: Decision.Refused refused } =>
            Results.Problem(statusCode: StatusCodes.Status409Conflict, title: Messages.About(noun, "Problem_NotRecorded"), detail: refused.Reason),
        CommandOutcome.OutsideScope => OutsideScope(noun),
        var other => throw new InvalidOperationException($"Unknown outcome {other}"),
    };

    /// <summary>
    /// Registers a record under its code (<see cref="NamedStreams.RegisterAsync{T}"/>): 201 at <paramref name="collection"/>/code,
    /// 400 naming each bad field, or 409 when the code is taken, by an earlier request or by one racing this one, with
    /// nothing stored.
    /// </summary>
    /// <param name="noun">What the stream is, for messages ("programme", "organisation").</param>
    public static async Task<IResult> RegisterAsync<T>(this IDocumentSession session, string noun, Decision decision,
        string collection, CancellationToken ct) where T : class =>
        Registered(await session.RegisterAsync<T>(decision, ct), noun, decision, collection);

    /// <summary>The answer to a registration a slice's handler ran (<see cref="NamedStreams.RegisterAsync{T}"/>): 201, 400 or 409.</summary>
    public static IResult Registered(CommandOutcome outcome, string noun, Decision decision, string collection)
    {
        if (decision is not Decision.Accepted accepted)
            return Created(outcome, noun, Guid.Empty, collection);
        var registered = NamedStreams.Registered(accepted);
        return outcome is CommandOutcome.Stale
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: Messages.About(noun, "Problem_AlreadyRegistered"),
                detail: Messages.About(noun, "Problem_AlreadyRegisteredDetail", registered.Code))
            : Created(outcome, noun, registered.StreamId, $"{collection}/{registered.Code}");
    }

    /// <summary>403 for a record outside the user's programmes or countries.</summary>
    public static IResult OutsideScope(string noun) => Results.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: Messages.About(noun, "Problem_OutsideScope"), detail: Messages.About(noun, "Problem_OutsideScopeDetail"));

    static IResult Invalid(FieldErrors errors, string noun) =>
        Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Messages.About(noun, "Problem_NotChangedInvalid"));
}
