using System.Text.RegularExpressions;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using Microsoft.AspNetCore.Mvc;

namespace ActivityTracker.Http;

/// <summary>
/// Wolverine answers a body that does not deserialize (a date like "2019-13-45", text in a
/// number field, broken JSON) with a 400 whose only pointer to the field is the JSON path
/// inside its detail text. This names that field under <c>errors</c>, the same shape as
/// every other 400 of the API, so clients handle one format.
/// </summary>
public static partial class UnreadableJson
{
    [GeneratedRegex(@"Path: \$\.?(?<path>[^ |]*)")]
    private static partial Regex JsonPath();

    /// <param name="exception">
    /// The exception the exception handler caught, if any: Identity's endpoints throw
    /// BadHttpRequestException around the JsonException that names the field.
    /// </param>
    public static void NameTheField(ProblemDetails problem, Exception? exception = null)
    {
        if (problem.Status != StatusCodes.Status400BadRequest || problem.Extensions.ContainsKey("errors"))
            return;
        var json = exception as System.Text.Json.JsonException ?? exception?.InnerException as System.Text.Json.JsonException;
        var detail = json?.Message ?? problem.Detail;
        if (detail is null)
            return;
        var match = JsonPath().Match(detail);
        if (!match.Success)
            return;

        var path = match.Groups["path"].Value;
        var field = path.Length == 0 ? "body" : char.ToLowerInvariant(path[0]) + path[1..];
        var message = path.Length == 0 ? Messages.Text("BodyNotJson") : Messages.Text("WrongTypeOrFormat");
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        // The deserializer's own text names .NET types; the client needs the field and what to do.
        problem.Title = Messages.Text("Problem_BodyRefused");
        problem.Detail = FieldErrors.Detail;
    }
}
