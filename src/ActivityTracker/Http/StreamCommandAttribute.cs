using JasperFx.CodeGeneration;
using Wolverine.Http;
using ActivityTracker.Commands;
using ActivityTracker.Http;

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
    public override void Modify(HttpChain chain, GenerationRules rules) => chain.Metadata
        .Produces<CommandAccepted>(StatusCodes.Status200OK)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
