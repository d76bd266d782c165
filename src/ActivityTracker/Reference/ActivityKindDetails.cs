using System.Text.RegularExpressions;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace ActivityTracker.Reference;

// Kinds of activity (meeting, training, workshop, ...). Each is an event stream named by its code, like programmes and
// indicators: administrators add kinds and rename them, and the codes activities carry never change. The kinds of
// seeds/reference/activity-kinds.json are seeded as streams (Seeding/ReferenceStreams) and stay valid even before that.
// The stream lives here, beside the other code lists, because every feature reads kinds; its commands (add, rename, which
// indicators apply) are in Kinds/. Which indicators apply to a kind is said by the indicators themselves
// (IndicatorDefinition.Kinds), the one source.

/// <summary>An activity kind as it now stands, projected inline from its stream.</summary>
/// <param name="Code">Lower-case kebab code, e.g. <c>job-fair</c>; never changes.</param>
/// <param name="Position">The global sequence of the event that added it: kinds added later are listed later.</param>
public sealed record ActivityKindDetails(Guid Id, string Code, string NameEn, string NameEs, long Position)
{
    public const int NameMaxLength = 100;
    public static string CodeShape => Messages.Text("CodeShape_Kind");

    /// <summary>The stream version this view reflects; clients send it back for optimistic concurrency.</summary>
    public long Version { get; set; }

    public static Guid IdFor(string code) => DeterministicId.For("activity-kind", code);

    public static Regex CodePattern { get; } = new("^[a-z0-9-]{2,40}$", RegexOptions.Compiled);

    /// <summary>The stored spelling of a code: trimmed, lower case.</summary>
    public static string Canonical(string code) => code.Trim().ToLowerInvariant();

    public NamedCode Named => new(Code, NameEn, NameEs);
}

public sealed class ActivityKindDetailsProjection : SingleStreamProjection<ActivityKindDetails, Guid>
{
    public static ActivityKindDetails Create(IEvent<ActivityKindAdded> e) =>
        new(e.StreamId, e.Data.Code, e.Data.NameEn, e.Data.NameEs, e.Sequence);

    public static ActivityKindDetails Apply(ActivityKindRenamed e, ActivityKindDetails kind) =>
        kind with { NameEn = e.NameEn, NameEs = e.NameEs };
}
