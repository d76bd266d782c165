using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActivityTracker.Decisions;
using ActivityTracker.Http;
using ActivityTracker.Localization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace ActivityTracker.Hosting;

/// <summary>
/// Looks at every JSON request body once, before any endpoint (Wolverine's or Identity's) reads
/// it, for what the deserializer lets through or turns into a 500:
/// <list type="bullet">
/// <item>text that breaks <see cref="PlainText"/>: control characters or broken UTF-16 (PostgreSQL's jsonb refuses
/// <c>\u0000</c>, so such a value used to fail at commit with a 500), noncharacters and C1 controls (a title
/// holding U+FFFF broke the IATI export for everyone who could see it);</item>
/// <item>fields the endpoint's request type does not have (System.Text.Json drops them silently, so a
/// typo or an old field name lost what the client meant to store);</item>
/// <item>nesting deeper than 64 levels.</item>
/// </list>
/// Each is a 400 ProblemDetails naming every such field by its JSON path, in the request's
/// language, and nothing is stored. Syntax errors and wrong types are left to the endpoint's own
/// deserializer, which names the field too (<see cref="UnreadableJson"/>).
/// </summary>
public static class JsonScreening
{
    /// <summary>Deeper than this is refused; System.Text.Json's own default limit.</summary>
    public const int MaxDepth = 64;

    public static WebApplication UseJsonScreening(this WebApplication app)
    {
        var json = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
                || request.ContentType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            request.EnableBuffering();
            byte[] body;
            try
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, context.RequestAborted);
                body = buffer.ToArray();
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // A body without a declared length that streams past the limit (Kestrel stops reading it).
                var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
                await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: Messages.Text("Problem_BodyTooLarge"),
                    detail: Messages.Text("Problem_BodyLimit", limit)).ExecuteAsync(context);
                return;
            }
            request.Body.Position = 0;

            // The body's type as the endpoint declares it (Wolverine and minimal APIs both do, for OpenAPI).
            var requestType = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var errors = Screen(body, requestType is null ? null : json.GetTypeInfo(requestType));
            if (!errors.IsEmpty)
            {
                await Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Messages.Text("Problem_BodyRefused")).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }

    /// <summary>An open object or array: the property being read or the element's index, and the .NET type expected there, when known.</summary>
    record struct Frame(bool IsArray, int Index, string? Property, JsonTypeInfo? Type, JsonTypeInfo? Next);

    /// <summary>
    /// The problems found in <paramref name="json"/>: text that is not <see cref="PlainText"/> and, when <paramref name="type"/>
    /// is given, unknown fields, each by path; or a body nested too deep.
    /// </summary>
    public static FieldErrors Screen(ReadOnlySpan<byte> json, JsonTypeInfo? type = null)
    {
        var errors = new FieldErrors();
        var path = new List<Frame>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth + 1, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var expected = path.Count == 0 ? type : path[^1].Next;
                        NextElement(path);
                        if (path.Count >= MaxDepth)
                            return errors.Add("body", Messages.Text("BodyTooDeep", MaxDepth));
                        var isArray = reader.TokenType == JsonTokenType.StartArray;
                        // Fields are checked only against a plain object type (not a dictionary or a JsonElement).
                        var known = expected?.Kind == (isArray ? JsonTypeInfoKind.Enumerable : JsonTypeInfoKind.Object) ? expected : null;
                        path.Add(new Frame(isArray, -1, null, known,
                            isArray && known?.ElementType is { } element ? known.Options.GetTypeInfo(element) : null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Text(ref reader);
                        var frame = path[^1];
                        var property = frame.Type?.Properties.FirstOrDefault(p => string.Equals(p.Name, name,
                            frame.Type.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
                        path[^1] = frame with { Property = name ?? "?", Next = property is null ? null : frame.Type!.Options.GetTypeInfo(property.PropertyType) };
                        if (name is null || !PlainText.IsPlain(name))
                            errors.Add(PathOf(path), Messages.Text("TextNotPlain"));
                        else if (frame.Type is not null && property is null)
                            errors.Add(PathOf(path), Messages.Text("UnknownField"));
                        break;
                    case JsonTokenType.String:
                        NextElement(path);
                        if (Text(ref reader) is not { } value || !PlainText.IsPlain(value))
                            errors.Add(PathOf(path), Messages.Text("TextNotPlain"));
                        break;
                    default:
                        NextElement(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON at all, or cut short: the endpoint's deserializer says where, as it always has.
        }
        return errors;
    }

    static void NextElement(List<Frame> path)
    {
        if (path.Count > 0 && path[^1].IsArray)
            path[^1] = path[^1] with { Index = path[^1].Index + 1 };
    }

    /// <summary>The string, or null when its escapes make broken UTF-16 (a lone surrogate), which PostgreSQL refuses too.</summary>
    static string? Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The field as the API's 400s name it: <c>participants.groups[1].sex</c>; the whole body is <c>body</c>.</summary>
    static string PathOf(List<Frame> path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var frame in path)
        {
            if (frame.IsArray)
                text.Append('[').Append(frame.Index).Append(']');
            else if (frame.Property is not null)
                text.Append(text.Length == 0 ? "" : ".").Append(frame.Property);
        }
        return text.Length == 0 ? "body" : text.ToString();
    }
}
