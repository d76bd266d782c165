namespace ActivityTracker.Access;

/// <summary>
/// What a user whose role an endpoint refuses can do instead (a rule text's key), said after the roles in its 403: an
/// officer registering an organisation is pointed to proposing it (<see cref="RoleRefusals"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class InsteadAttribute(string messageKey) : Attribute
{
    public string MessageKey { get; } = messageKey;
}
