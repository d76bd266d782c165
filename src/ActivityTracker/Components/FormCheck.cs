using ActivityTracker.Commands;
using ActivityTracker.Decisions;
namespace ActivityTracker.Components;

/// <summary>
/// What one form shows: the rules' messages next to their fields (a field shows its own messages
/// and those of its items, e.g. <c>roles</c> and <c>roles[1]</c>), and a message for the whole form
/// when a command is refused (the API's 409) or was overtaken. Nothing shows until the user changes
/// a field or submits.
/// </summary>
public sealed class FormCheck
{
    Dictionary<string, string[]> _errors = new();
    string? _problem;

    /// <summary>Whether the user has changed a field or submitted: messages show from then on.</summary>
    public bool Touched { get; private set; }

    /// <summary>Why the form's command is refused or was not stored, when it is.</summary>
    public string? Problem => Touched ? _problem : null;

    public void Touch() => Touched = true;

    /// <summary>Shows the messages of <paramref name="errors"/>, replacing the ones shown.</summary>
    public void Show(FieldErrors errors)
    {
        _errors = errors.ByField;
        _problem = null;
    }

    /// <summary>Shows what a rule decided: its bad fields, or why it refuses; nothing when it accepts.</summary>
    public void Show(Decision decision)
    {
        _errors = decision is Decision.Invalid invalid ? invalid.Errors.ByField : new();
        _problem = decision is Decision.Refused refused ? refused.Reason : null;
    }

    /// <summary>Shows why a submitted command was not stored (<paramref name="stale"/> when the record changed meanwhile); true when it was.</summary>
    public bool Stored(CommandOutcome outcome, string stale, string notFound)
    {
        Touch();
        switch (outcome)
        {
            case CommandOutcome.Decided { Decision: var decision }:
                Show(decision);
                return decision is Decision.Accepted;
            case CommandOutcome.Stale:
                Refuse(stale);
                return false;
            case CommandOutcome.OutsideScope:
                Refuse(Localization.Messages.Text("Problem_WriteOutsideScope"));
                return false;
            default:
                Refuse(notFound);
                return false;
        }
    }

    /// <summary>Shows why a registration was not stored: its bad fields, or <paramref name="codeTaken"/> on its code; true when it was.</summary>
    public bool Registered(CommandOutcome outcome, string codeTaken)
    {
        if (outcome is not CommandOutcome.Stale)
            return Stored(outcome, codeTaken, codeTaken);
        Touch();
        Show(new FieldErrors().Add("code", codeTaken));
        return false;
    }

    /// <summary>Shows <paramref name="reason"/> for the whole form.</summary>
    public void Refuse(string reason)
    {
        Touch();
        _problem = reason;
    }

    /// <param name="items">Whether the messages of the field's items count too; false for a list whose items show their own.</param>
    public bool Bad(string field, bool items = true) => Touched && Messages(field, items).Any();

    public string Why(string field, bool items = true) => string.Join(" ", Messages(field, items));

    /// <summary>Back to an untouched form, after it was stored or when another record is chosen.</summary>
    public void Reset()
    {
        _errors = new();
        _problem = null;
        Touched = false;
    }

    IEnumerable<string> Messages(string field, bool items) => _errors
        .Where(e => e.Key == field || (items && e.Key.StartsWith(field + "[", StringComparison.Ordinal)))
        .SelectMany(e => e.Value);
}
