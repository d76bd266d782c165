namespace ActivityTracker.Decisions;

/// <summary>
/// What a command's rules decided, as data: the events to append, the fields that are
/// wrong (400), or why the command is not allowed in the current state (409). Rules are
/// pure functions returning this, so they are tested without a database.
/// </summary>
public abstract record Decision
{
    private Decision() { }

    /// <summary>The command is accepted; append these events, in order.</summary>
    public sealed record Accepted(IReadOnlyList<object> Events) : Decision;

    /// <summary>The command itself is malformed: 400, naming each field.</summary>
    public sealed record Invalid(FieldErrors Errors) : Decision;

    /// <summary>The command is well-formed but not allowed now (an illegal transition): 409.</summary>
    public sealed record Refused(string Reason) : Decision;

    public static Decision Append(params object[] events) => new Accepted(events);

    public static Decision Refuse(string reason) => new Refused(reason);

    /// <summary>Invalid when <paramref name="errors"/> has any, else the events <paramref name="accept"/> makes.</summary>
    public static Decision Check(FieldErrors errors, Func<IReadOnlyList<object>> accept) =>
        errors.IsEmpty ? new Accepted(accept()) : new Invalid(errors);
}
