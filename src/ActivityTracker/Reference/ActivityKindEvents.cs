using ActivityTracker.Commands;

namespace ActivityTracker.Reference;

// Events of an activity kind's stream: business facts only; who and when come from Marten's metadata.

/// <summary>An activity kind was added: the first event of its stream.</summary>
public sealed record ActivityKindAdded(Guid KindId, string Code, string NameEn, string NameEs) : IRegistration
{
    Guid IRegistration.StreamId => KindId;
}

/// <summary>The kind's names changed; its code, and so every activity of the kind, stays.</summary>
public sealed record ActivityKindRenamed(string NameEn, string NameEs);
