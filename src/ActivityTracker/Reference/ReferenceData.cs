using System.Text.Json;

namespace ActivityTracker.Reference;

/// <summary>A country per ISO 3166-1, named in English and Spanish.</summary>
public sealed record Country(string Alpha2, string Alpha3, string Numeric, string NameEn, string NameEs);

/// <summary>An entry of a code list (activity kinds, DAC sectors, themes, languages).</summary>
public sealed record NamedCode(string Code, string NameEn, string NameEs);

/// <summary>
/// Code lists loaded from <c>seeds/reference</c> at start-up. They are data, not C#
/// constants, so a new country name is a data change. Codes compare
/// case-insensitively; callers store the canonical spelling from here. Programmes,
/// organisations, indicators and activity kinds change over time, so they are event streams instead;
/// activity kinds are read so often (names, pickers, filters) that the live list is kept here too (see <see cref="ActivityKinds"/>).
/// </summary>
public sealed class ReferenceData(
    IEnumerable<Country> countries,
    IEnumerable<NamedCode> activityKinds,
    IEnumerable<NamedCode> sectors,
    IEnumerable<NamedCode> themes,
    IEnumerable<NamedCode> languages)
{
    public IReadOnlyDictionary<string, Country> Countries { get; } = countries.ToDictionary(c => c.Alpha2, StringComparer.OrdinalIgnoreCase);
    /// <summary>The activity kinds of <c>seeds/reference/activity-kinds.json</c>, in its order: valid whether or not their streams were seeded yet.</summary>
    public IReadOnlyDictionary<string, NamedCode> SeededKinds { get; } = ByCode(activityKinds);

    KindSnapshot _kinds = new(ByCode(activityKinds), null);

    /// <summary>
    /// The activity kinds as last read from their streams (Kinds/KindDirectory keeps it current on every node), in display
    /// order: the seeded kinds first, then those added since. For reads (names, pickers, filters); a write checks the kind it
    /// writes against the store itself (<c>Catalog.LoadAsync</c>). Until the first read from the store, the seeded kinds.
    /// </summary>
    public IReadOnlyDictionary<string, NamedCode> ActivityKinds => Volatile.Read(ref _kinds).Kinds;

    /// <summary>What the store held when <see cref="ActivityKinds"/> was read from it; null before the first read.</summary>
    public KindStoreState? KindsFingerprint => Volatile.Read(ref _kinds).Fingerprint;

    /// <summary>Replaces the live activity kinds at once (readers see the old list or the new one, never a mix).</summary>
    public void UseKinds(IEnumerable<NamedCode> kinds, KindStoreState fingerprint) =>
        Volatile.Write(ref _kinds, new KindSnapshot(ByCode(kinds), fingerprint));

    sealed record KindSnapshot(IReadOnlyDictionary<string, NamedCode> Kinds, KindStoreState? Fingerprint);

    /// <summary>OECD DAC 5-digit purpose codes.</summary>
    public IReadOnlyDictionary<string, NamedCode> Sectors { get; } = ByCode(sectors);
    public IReadOnlyDictionary<string, NamedCode> Themes { get; } = ByCode(themes);
    public IReadOnlyDictionary<string, NamedCode> Languages { get; } = ByCode(languages);

    static Dictionary<string, NamedCode> ByCode(IEnumerable<NamedCode> codes) => codes.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    public static ReferenceData Load(string seedsDirectory)
    {
        string File(string name) => Path.Combine(seedsDirectory, "reference", name);
        return new ReferenceData(
            SeedFile.Read<Country>(File("countries.json")),
            SeedFile.Read<NamedCode>(File("activity-kinds.json")),
            SeedFile.Read<NamedCode>(File("dac-sectors.json")),
            SeedFile.Read<NamedCode>(File("themes.json")),
            SeedFile.Read<NamedCode>(File("languages.json")));
    }
}

/// <summary>Reads the JSON data files under <c>seeds/</c>; they may carry <c>//</c> comments.</summary>
public static class SeedFile
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The seeds folder copied next to the app's assembly at build time.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "seeds");

    /// <summary>Reads one value of a seed file already parsed as JSON, with the same options.</summary>
    public static T Parse<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new InvalidDataException($"Expected {typeof(T).Name}, found null.");

    public static IReadOnlyList<T> Read<T>(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Seed file {path} is missing; the app is built with seeds/ copied next to it.", path);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<List<T>>(stream, Options)
               ?? throw new InvalidDataException($"Seed file {path} holds no JSON array.");
    }
}
