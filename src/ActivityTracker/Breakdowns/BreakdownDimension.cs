using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace ActivityTracker.Breakdowns;

// Breakdown dimensions an administrator defines beyond sex, age and country ("institution": which organisation the
// participants came from). A report gives parts of a whole along one ("45 of the 80 from the migration institute"),
// partially: what the parts leave is "not stated". Each dimension is a stream named by its code, like an indicator; it
// names the indicators it breaks down and whether it breaks down participants, so indicators stay as they are.

/// <summary>Where a dimension's categories come from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DimensionValues>))]
public enum DimensionValues
{
    /// <summary>The organisations of the directory: a category is an organisation's code, shown by its name.</summary>
    Organisations,
    /// <summary>The dimension's own list of categories.</summary>
    List,
}

/// <summary>A category of a <see cref="DimensionValues.List"/> dimension.</summary>
public sealed record DimensionCategory(string Code, string NameEn, string NameEs);

/// <summary>A breakdown dimension as currently defined, projected inline from its stream.</summary>
/// <param name="Code">Lower-case kebab code, e.g. <c>institution</c>; never <c>sex</c>, <c>age</c> or <c>country</c>.</param>
/// <param name="Categories">Its categories when <paramref name="Values"/> is <see cref="DimensionValues.List"/>; empty for organisations.</param>
/// <param name="Participants">Whether it breaks down an activity's participants.</param>
/// <param name="Indicators">The indicator codes whose values it breaks down.</param>
public sealed record BreakdownDimension(
    Guid Id,
    string Code,
    string NameEn,
    string NameEs,
    DimensionValues Values,
    IReadOnlyList<DimensionCategory> Categories,
    bool Participants,
    IReadOnlyList<string> Indicators)
{
    public const int NameMaxLength = 200;
    /// <summary>The most categories a list may hold, and indicators a dimension may break down.</summary>
    public const int CategoriesMax = 100;
    public const int IndicatorsMax = 50;
    public static string CodeShape => Messages.Text("CodeShape_Dimension");

    /// <summary>The stream version this view reflects; clients send it back for optimistic concurrency.</summary>
    public long Version { get; set; }

    public static Guid IdFor(string code) => DeterministicId.For("breakdown", code);

    public static Regex CodePattern { get; } = new("^[a-z0-9-]{2,40}$", RegexOptions.Compiled);

    /// <summary>The dimensions indicators have built in; a defined one may not take their names (exports spell both alike).</summary>
    public static IReadOnlySet<string> BuiltIn { get; } = new HashSet<string>(["sex", "age", "country"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The stored spelling of a code: trimmed, lower case.</summary>
    public static string Canonical(string code) => code.Trim().ToLowerInvariant();

    public string Name(bool spanish) => spanish ? NameEs : NameEn;

    /// <summary>Whether it breaks down <paramref name="indicator"/>'s values.</summary>
    public bool Breaks(string indicator) => Indicators.Contains(indicator, StringComparer.OrdinalIgnoreCase);
}

public sealed class BreakdownDimensionProjection : SingleStreamProjection<BreakdownDimension, Guid>
{
    public static BreakdownDimension Create(IEvent<BreakdownDimensionDefined> e) => new(
        e.StreamId, e.Data.Code, e.Data.NameEn, e.Data.NameEs, e.Data.Values, e.Data.Categories, e.Data.Participants, e.Data.Indicators);

    public static BreakdownDimension Apply(BreakdownDimensionRevised e, BreakdownDimension dimension) => dimension with
    {
        NameEn = e.NameEn,
        NameEs = e.NameEs,
        Categories = e.Categories,
        Participants = e.Participants,
        Indicators = e.Indicators,
    };
}
