using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActivityTracker.Testing;

/// <summary>The API's JSON as a client writes and reads it: web names (camelCase) and enums as strings.</summary>
public static class AppJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
