using Marten;

namespace ActivityTracker.Decisions;

/// <summary>The answer to an accepted command on an existing stream: its id and the version it is now at.</summary>
public sealed record CommandAccepted(Guid Id, long Version);

/// <summary>What happened to a command on an existing stream, before it is turned into an HTTP answer or a UI message.</summary>
public abstract record CommandOutcome
{
    private CommandOutcome() { }

    public sealed record NotFound : CommandOutcome;
    public sealed record OutsideScope : CommandOutcome;
    /// <summary>The record changed since the client read it.</summary>
    public sealed record Stale(long CurrentVersion) : CommandOutcome;
    /// <summary>The rules ran against <paramref name="Version"/>; accepted events are appended, not yet committed.</summary>
    public sealed record Decided(Decision Decision, long Version) : CommandOutcome;
}

/// <summary>Whether the signed-in user may append <paramref name="written"/> to <paramref name="record"/> (none: may they act on it at all).</summary>
public delegate bool WriteScope<in T>(T record, IReadOnlyList<object> written);

/// <summary>
/// The one way a command reaches an existing stream: load the aggregate for writing, check
/// the version the client last read, run the pure decision, append. Over HTTP, Wolverine's
/// transactional middleware commits; a concurrent writer that slips in between load and
/// commit makes Marten throw at commit, which maps to 409 as well.
/// </summary>
public static class StreamCommands
{
    /// <summary>
    /// Loads <typeparamref name="T"/> for writing, checks scope and version, decides and appends;
    /// the caller commits (Wolverine's middleware for HTTP, the page itself in the UI).
    /// </summary>
    /// <param name="expectedVersion">The version the client last read.</param>
    /// <param name="mayWrite">Whether the signed-in user may append these events to this record: asked
    /// first with none (may they act on it at all), then with the accepted events, so that a write is
    /// checked against what it writes (a correction that moves a record out of the user's scope).</param>
    public static async Task<CommandOutcome> ApplyAsync<T>(this IDocumentSession session, Guid id, long expectedVersion,
        Func<T, Decision> decide, WriteScope<T> mayWrite, CancellationToken ct) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        if (stream.Aggregate is null)
            return new CommandOutcome.NotFound();
        if (!mayWrite(stream.Aggregate, []))
            return new CommandOutcome.OutsideScope();

        var current = stream.CurrentVersion ?? 0;
        if (current != expectedVersion)
            return new CommandOutcome.Stale(current);

        var decision = decide(stream.Aggregate);
        if (decision is not Decision.Accepted accepted)
            return new CommandOutcome.Decided(decision, current);
        if (!mayWrite(stream.Aggregate, accepted.Events))
            return new CommandOutcome.OutsideScope();
        stream.AppendMany(accepted.Events);
        return new CommandOutcome.Decided(decision, current);
    }

    /// <param name="noun">What the stream is, for messages ("activity", "programme").</param>
    /// <param name="expectedVersion">The version the client last read; null answers 400.</param>
    /// <param name="mayWrite">Whether the signed-in user may write these events to this record; 403 when not.</param>
    public static async Task<IResult> DecideAsync<T>(this IDocumentSession session, string noun, Guid id, long? expectedVersion,
        Func<T, Decision> decide, WriteScope<T> mayWrite, CancellationToken ct) where T : class
    {
        if (expectedVersion is not { } expected)
            return Invalid(new FieldErrors().Add("version", Rules.About(noun, "Problem_VersionRequired")), noun);

        return await session.ApplyAsync(id, expected, decide, mayWrite, ct) switch
        {
            CommandOutcome.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Rules.About(noun, "Problem_NoSuch"), detail: Rules.About(noun, "Problem_NoSuchId", id)),
            CommandOutcome.OutsideScope => OutsideScope(noun),
            CommandOutcome.Stale stale => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: Rules.About(noun, "Problem_Stale"),
                detail: Rules.Text("Problem_StaleDetail", expected, stale.CurrentVersion),
                extensions: new Dictionary<string, object?> { ["currentVersion"] = stale.CurrentVersion }),
            CommandOutcome.Decided decided => Answer(decided.Decision, id, decided.Version, noun),
            var other => throw new InvalidOperationException($"Unknown outcome {other}"),
        };
    }

    /// <summary>
    /// A command on a stream that its first accepted command starts (a reporting period has
    /// none until it is first closed): <paramref name="decide"/> sees null while there is no
    /// stream. No version is asked for; the one read here is checked at commit, so a writer
    /// that slips in between gets 409. A stream started here is committed at once, so that a
    /// request that started it first is answered 409 too, never 500, with nothing stored.
    /// </summary>
    public static async Task<IResult> DecideOrStartAsync<T>(this IDocumentSession session, string noun, Guid id,
        Func<T?, Decision> decide, CancellationToken ct) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        var decision = decide(stream.Aggregate);
        if (decision is Decision.Accepted accepted)
            stream.AppendMany(accepted.Events);
        var result = Answer(decision, id, stream.StartingVersion ?? 0, noun);
        if (stream.Aggregate is not null || decision is not Decision.Accepted)
            return result;
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            // Drop the failed stream so the transactional middleware's own commit has nothing to redo.
            session.EjectAllPendingChanges();
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: Rules.About(noun, "Problem_Stale"), detail: Rules.About(noun, "Problem_StartedMeanwhile"));
        }
        return result;
    }

    /// <summary>The HTTP answer to a decision taken against <paramref name="version"/> of stream <paramref name="id"/>.</summary>
    static IResult Answer(Decision decision, Guid id, long version, string noun) => decision switch
    {
        Decision.Accepted accepted => Results.Ok(new CommandAccepted(id, version + accepted.Events.Count)),
        Decision.Invalid invalid => Invalid(invalid.Errors, noun),
        Decision.Refused refused => Results.Problem(statusCode: StatusCodes.Status409Conflict,
            title: Rules.About(noun, "Problem_Refused"), detail: refused.Reason,
            extensions: new Dictionary<string, object?> { ["currentVersion"] = version }),
        _ => throw new InvalidOperationException($"Unknown decision {decision.GetType()}"),
    };

    /// <summary>Starts stream <paramref name="id"/> with an accepted decision: 201 with its location, or 400.</summary>
    public static IResult StartStream<T>(this IDocumentSession session, string noun, Guid id, string location, Decision decision) where T : class
    {
        switch (decision)
        {
            case Decision.Accepted accepted:
                session.Events.StartStream<T>(id, accepted.Events.ToArray());
                return Results.Created(location, new Wolverine.Http.CreationResponse<Guid>(location, id));
            case Decision.Invalid invalid:
                return Results.ValidationProblem(invalid.Errors.ByField, FieldErrors.Detail, title: Rules.About(noun, "Problem_NotRecordedInvalid"));
            case Decision.Refused refused:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: Rules.About(noun, "Problem_NotRecorded"), detail: refused.Reason);
            default:
                throw new InvalidOperationException($"Unknown decision {decision.GetType()}");
        }
    }

    /// <summary>403 for a record outside the user's programmes or countries.</summary>
    public static IResult OutsideScope(string noun) => Results.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: Rules.About(noun, "Problem_OutsideScope"), detail: Rules.About(noun, "Problem_OutsideScopeDetail"));

    /// <summary>For records every signed-in user with the endpoint's role may act on.</summary>
    public static bool Everyone<T>(T record, IReadOnlyList<object> written) => true;

    /// <summary>Today's date in UTC, for rules about the future.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    static IResult Invalid(FieldErrors errors, string noun) =>
        Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Rules.About(noun, "Problem_NotChangedInvalid"));
}
