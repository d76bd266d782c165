using System.Globalization;
using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Projections;

/// <summary>The async projections for administrators: lag, owner, dead letters, and a rebuild off the request.</summary>
[Authorize(Roles = Roles.Admin)]
public static class ProjectionEndpoints
{
    /// <summary>Every async projection shard with its lag, whether this node runs it, its dead letters and its latest rebuild.</summary>
    [WolverineGet("/api/admin/projections", Name = "ListProjections"), Tags("Projections")]
    public static Task<ProjectionsOverview> List(IProjectionAdmin projections, CancellationToken ct) => projections.ReadAsync(ct);

    /// <summary>
    /// Queues a rebuild of projection <paramref name="name"/> (e.g. <c>Dashboards</c>): 202 with its record, which
    /// <c>GET /api/admin/projections</c> follows from queued to running to finished (or failed, with the reason);
    /// 409 while one is queued or running, or when this node does not run the projections (the detail names the
    /// node that does: ask there); 404 for a name that is not an async projection.
    /// </summary>
    [WolverinePost("/api/admin/projections/{name}/rebuild", Name = "RebuildProjection"), Tags("Projections")]
    [ProducesResponseType<ProjectionRebuild>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Rebuild(string name, ClaimsPrincipal user, IProjectionAdmin projections, CancellationToken ct) =>
        await projections.RequestRebuildAsync(name, user, ct) switch
        {
            RebuildAnswer.Queued queued => Results.Accepted("/api/admin/projections", queued.Rebuild),
            RebuildAnswer.AlreadyRunning running => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: Messages.Text("Projection_RebuildRunning"), detail: Messages.Text("Projection_RebuildRunningDetail", name, running.Rebuild.RequestedBy,
                    running.Rebuild.RequestedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))),
            RebuildAnswer.NotHere notHere => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: Messages.Text("Projection_NotHere"), detail: notHere.DaemonNode is { } daemonNode
                    ? Messages.Text("Projection_NotHereDetail", notHere.Node, daemonNode)
                    : Messages.Text("Projection_NotHereNoLeaderDetail", notHere.Node)),
            RebuildAnswer.Unknown => Results.Problem(statusCode: StatusCodes.Status404NotFound,
                title: Messages.Text("Projection_NoSuch"), detail: Messages.Text("Projection_NoSuchDetail", name)),
            var other => throw new InvalidOperationException($"Unknown answer {other}"),
        };
}
