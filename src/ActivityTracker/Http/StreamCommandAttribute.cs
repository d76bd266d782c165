using ActivityTracker.Commands;
using JasperFx.CodeGeneration;
using Wolverine.Http;

namespace ActivityTracker.Http;

/// <summary>
/// The answers of a command on an existing record (<see cref="CommandAnswers.DecideAsync{T}"/>), in its OpenAPI entry: 200 with the
/// record's id and new version; 400 naming each bad field; 403 when the record, or what the command would write, is outside the
/// user's scope; 404 when there is no such record; 409 when it changed since the client read it, or the rules refuse (the reason
/// in the problem's detail).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StreamCommandAttribute : ModifyHttpChainAttribute
{
    /// <summary>The body of its 200: the record's id and new version, or more (submitting an activity adds its likely duplicates).</summary>
    public Type Accepted { get; init; } = typeof(CommandAccepted);

    public override void Modify(HttpChain chain, GenerationRules rules) => chain.Metadata
        .Produces(StatusCodes.Status200OK, Accepted)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}

/// <summary>
/// The answers of a command that starts a record (<see cref="CommandAnswers.Created"/>, <see cref="CommandAnswers.RegisterAsync{T}"/>),
/// in its OpenAPI entry: 201 with the new record's id and address; 400 naming each bad field; 409 when its code is taken or the
/// rules refuse; and 403 when what it would write is outside the user's scope, if the command is scoped.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StartsStreamAttribute : ModifyHttpChainAttribute
{
    /// <summary>Whether the user's programmes and countries limit what it may start (403).</summary>
    public bool Scoped { get; init; }

    /// <summary>The body of its 201: the new record's address and id, or more (a proposed organisation adds those it may duplicate).</summary>
    public Type Created { get; init; } = typeof(CreationResponse<Guid>);

    public override void Modify(HttpChain chain, GenerationRules rules)
    {
        chain.Metadata
            .Produces(StatusCodes.Status201Created, Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        if (Scoped)
            chain.Metadata.ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
