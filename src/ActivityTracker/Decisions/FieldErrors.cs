using ActivityTracker.Localization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Decisions;

/// <summary>
/// The problems found in one request, keyed by the JSON name of the field, so a client
/// can show each message next to its input. Decisions collect them as pure data; the
/// HTTP edge turns them into a 400 <see cref="ValidationProblemDetails"/>.
/// </summary>
public sealed class FieldErrors
{
    readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    int _notListed;

    /// <summary>
    /// The most fields (and messages per field) a 400 lists: 40,000 unknown fields in one body made an 8.6 MB answer.
    /// The rest are counted in one message under <c>body</c>.
    /// </summary>
    public const int MaxListed = 100;

    /// <summary>The detail of every 400, in the request's language.</summary>
    public static string Detail => Messages.Text("Problem_FixFields");

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>How many messages so far; rules compare it before and after checking a part.</summary>
    public int Count => _errors.Values.Sum(m => m.Count) + _notListed;

    public Dictionary<string, string[]> ByField
    {
        get
        {
            var byField = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
            if (_notListed > 0)
                byField["body"] = [.. byField.GetValueOrDefault("body") ?? [], Messages.Text("ProblemsNotListed", _notListed)];
            return byField;
        }
    }

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            if (_errors.Count >= MaxListed)
            {
                _notListed++;
                return this;
            }
            _errors[field] = messages = [];
        }
        if (messages.Count >= MaxListed)
            _notListed++;
        else
            messages.Add(message);
        return this;
    }

    /// <summary>Adds <paramref name="message"/> when <paramref name="failed"/> is true.</summary>
    public FieldErrors When(bool failed, string field, string message) => failed ? Add(field, message) : this;

    /// <summary>Wolverine's convention: <see cref="WolverineContinue.NoProblems"/> lets the request through.</summary>
    public ProblemDetails ToProblemDetails(string title) => IsEmpty
        ? WolverineContinue.NoProblems
        : new ValidationProblemDetails(ByField)
        {
            Title = title,
            Status = StatusCodes.Status400BadRequest,
            Detail = Detail,
        };
}
