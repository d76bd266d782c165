using System.Text.Json;

namespace ActivityTracker.Reference;

/// <summary>A country per ISO 3166-1, named in English and Spanish.</summary>
public sealed record Country(string Alpha2, string Alpha3, string Numeric, string NameEn, string NameEs);

/// <summary>What kind of thing an activity was (meeting, job fair, ...).</summary>
public sealed record ActivityKind(string Code, string NameEn, string NameEs);

/// <summary>A programme activities are reported under, and the countries it covers.</summary>
public sealed record Programme(string Code, string NameEn, string NameEs, IReadOnlyList<string> Countries);

/// <summary>
/// Code lists loaded from <c>seeds/reference</c> at start-up. They are data, not C#
/// constants, so a new country name or activity kind is a data change. Codes compare
/// case-insensitively; callers store the canonical spelling from here.
/// </summary>
public sealed class ReferenceData
{
    public IReadOnlyDictionary<string, Country> Countries { get; }
    public IReadOnlyDictionary<string, ActivityKind> ActivityKinds { get; }
    public IReadOnlyDictionary<string, Programme> Programmes { get; }

    public ReferenceData(IEnumerable<Country> countries, IEnumerable<ActivityKind> kinds, IEnumerable<Programme> programmes)
    {
        Countries = countries.ToDictionary(c => c.Alpha2, StringComparer.OrdinalIgnoreCase);
        ActivityKinds = kinds.ToDictionary(k => k.Code, StringComparer.OrdinalIgnoreCase);
        Programmes = programmes.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
    }

    public static ReferenceData Load(string seedsDirectory)
    {
        var folder = Path.Combine(seedsDirectory, "reference");
        return new ReferenceData(
            SeedFile.Read<Country>(Path.Combine(folder, "countries.json")),
            SeedFile.Read<ActivityKind>(Path.Combine(folder, "activity-kinds.json")),
            SeedFile.Read<Programme>(Path.Combine(folder, "programmes.json")));
    }
}

/// <summary>Reads the JSON data files under <c>seeds/</c>; they may carry <c>//</c> comments.</summary>
public static class SeedFile
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The seeds folder copied next to the app's assembly at build time.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "seeds");

    public static IReadOnlyList<T> Read<T>(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Seed file {path} is missing; the app is built with seeds/ copied next to it.", path);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<List<T>>(stream, Options)
               ?? throw new InvalidDataException($"Seed file {path} holds no JSON array.");
    }
}
