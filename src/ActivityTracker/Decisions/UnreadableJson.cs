using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace ActivityTracker.Decisions;

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

    public static void NameTheField(ProblemDetails problem)
    {
        if (problem.Status != StatusCodes.Status400BadRequest || problem.Detail is null || problem.Extensions.ContainsKey("errors"))
            return;
        var match = JsonPath().Match(problem.Detail);
        if (!match.Success)
            return;

        var path = match.Groups["path"].Value;
        var field = path.Length == 0 ? "body" : char.ToLowerInvariant(path[0]) + path[1..];
        problem.Extensions["errors"] = new Dictionary<string, string[]>
        {
            [field] = [path.Length == 0
                ? Rules.Text("BodyNotJson")
                : Rules.Text("WrongTypeOrFormat")],
        };
    }
}
