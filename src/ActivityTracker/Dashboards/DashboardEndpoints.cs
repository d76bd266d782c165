using System.Globalization;
using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Dashboards.Reads;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Localization;
using ActivityTracker.Organisations;
using ActivityTracker.Programmes;
using ActivityTracker.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Dashboards;

/// <summary>
/// A dashboard: the figures of one slice (a country, programme, month, kind, status, cell of the
/// country x programme x month cube, or partner). <see cref="AllReported"/> counts every activity
/// reported, <see cref="Approved"/> only those a manager approved. <see cref="Scope"/> is
/// <c>complete</c>, or <c>filtered</c> when the user's programmes or countries leave some out.
/// <see cref="Role"/> says which activities count for a country (<c>host</c>, <c>taking-part</c> or <c>any</c>)
/// where a country is involved: a country's (or the cube's) slice, or a <c>country</c> filter; null elsewhere.
/// </summary>
public sealed record DashboardView(
    string Dimension,
    string Key,
    string NameEn,
    string NameEs,
    string Scope,
    DateTimeOffset? AsOf,
    Figures AllReported,
    Figures Approved,
    long LastSequence,
    DateTimeOffset? LastEventAt,
    IReadOnlyList<TargetProgress>? Targets = null,
    string? Role = null);

/// <summary>A programme target next to what was reported against it in that period.</summary>
public sealed record TargetProgress(string IndicatorCode, string Period, decimal Target, decimal ActualAllReported, decimal ActualApproved);

/// <summary>One activity's part in a figure, and the events (by sequence number) it comes from.</summary>
public sealed record Contribution(Guid ActivityId, string Title, decimal Value, IReadOnlyList<long> Sequences);

[Authorize(Roles = Roles.Any)]
public static class DashboardEndpoints
{
    static readonly Dictionary<string, string> Routes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["countries"] = Dimensions.Country, ["programmes"] = Dimensions.Programme, ["months"] = Dimensions.Month,
        ["kinds"] = Dimensions.Kind, ["statuses"] = Dimensions.Status, ["cube"] = Dimensions.Cube, ["partners"] = Dimensions.Partner,
    };

    /// <summary>
    /// Every slice of a dimension (<c>countries</c>, <c>programmes</c>, <c>months</c>, <c>kinds</c>,
    /// <c>statuses</c>, <c>cube</c>, <c>partners</c>), optionally filtered (<c>from</c>, <c>to</c>,
    /// <c>programme</c>, <c>country</c>, <c>kind</c>) or as of a past instant (<c>asOf</c>, ISO 8601).
    /// <c>role</c> says what a country is to an activity, for the <c>country</c> filter and the country slices:
    /// <c>host</c> (the default), <c>taking-part</c> (in an activity hosted elsewhere, or a regional one) or <c>any</c>;
    /// an activity counts once in any total and once in a country's slice.
    /// </summary>
    [WolverineGet("/api/dashboards/{dimension}", Name = "ListDashboards"), Tags("Dashboards")]
    [ProducesResponseType<DashboardView[]>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string dimension, DateOnly? from, DateOnly? to, string? programme, string? country, string? kind, DateTimeOffset? asOf, string? role,
        DashboardReads reads, ReferenceData codes, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var session = await reads.QuerySessionAsync(ct);
        if (!Routes.TryGetValue(dimension, out var dim))
            return NoSuchDimension(dimension);
        var filter = DashboardFilter.Of(from, to, programme, country, kind, asOf, role);
        if (await filter.CheckAsync(session, codes, ct) is { IsEmpty: false } errors)
            return Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Messages.Text("Problem_FiltersInvalid"));

        var scope = AccessScope.Of(user);
        var slices = await SlicesAsync(dim, key: null, filter, scope, session, ct);
        return Results.Ok(await ViewsAsync(slices.Values, filter, slices.Scope, scope, session, codes, ct));
    }

    /// <summary>One slice, e.g. <c>/api/dashboards/countries/MX</c> or <c>/api/dashboards/programmes/MESO-CARIB</c> (with its targets against actuals); same filters.</summary>
    [WolverineGet("/api/dashboards/{dimension}/{key}", Name = "GetDashboard"), Tags("Dashboards")]
    [ProducesResponseType<DashboardView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(string dimension, string key, DateOnly? from, DateOnly? to, string? programme, string? country, string? kind, DateTimeOffset? asOf, string? role,
        DashboardReads reads, ReferenceData codes, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var session = await reads.QuerySessionAsync(ct);
        if (await SliceAsync(dimension, key, session, codes, ct) is not ({ } dim, { } canonical))
            return NoSuchSlice(dimension, key);
        var filter = DashboardFilter.Of(from, to, programme, country, kind, asOf, role);
        if (await filter.CheckAsync(session, codes, ct) is { IsEmpty: false } errors)
            return Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Messages.Text("Problem_FiltersInvalid"));

        var scope = AccessScope.Of(user);
        var slices = await SlicesAsync(dim, canonical, filter, scope, session, ct);
        var slice = slices.Values.SingleOrDefault() ?? DashboardSlice.Of(dim, canonical, [], new Dictionary<string, IndicatorDefinition>());
        return Results.Ok((await ViewsAsync([slice], filter, slices.Scope, scope, session, codes, ct)).Single());
    }

    /// <summary>
    /// Where a figure of a slice comes from: <c>figure=activities</c>, <c>participants</c> or
    /// <c>outcome:INDICATOR</c> lists each contributing activity with its value and the sequence
    /// numbers of the events behind it (<c>approved=true</c> for the approved figures).
    /// </summary>
    [WolverineGet("/api/dashboards/{dimension}/{key}/provenance", Name = "GetDashboardProvenance"), Tags("Dashboards")]
    [ProducesResponseType<Contribution[]>(StatusCodes.Status200OK)]
    public static async Task<IResult> Provenance(string dimension, string key, string? figure, bool? approved, DateOnly? from, DateOnly? to, string? programme, string? country, string? kind, DateTimeOffset? asOf, string? role,
        DashboardReads reads, ReferenceData codes, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var session = await reads.QuerySessionAsync(ct);
        if (await SliceAsync(dimension, key, session, codes, ct) is not ({ } dim, { } canonical))
            return NoSuchSlice(dimension, key);
        var filter = DashboardFilter.Of(from, to, programme, country, kind, asOf, role);
        var errors = await filter.CheckAsync(session, codes, ct);
        errors.When(figure is null || !(figure is "activities" or "participants" || figure.StartsWith("outcome:", StringComparison.Ordinal)), "figure",
            Messages.Text("FigureRequired"));
        if (!errors.IsEmpty)
            return Results.ValidationProblem(errors.ByField, FieldErrors.Detail, title: Messages.Text("Problem_ProvenanceInvalid"));

        var scope = AccessScope.Of(user);
        var members = dim == Dimensions.Partner
            ? await PartnerSlices.MembersAsync(session, filter, scope, canonical, ct)
            : await DashboardCube.MembersAsync(session, filter, scope, new SliceKey(dim, canonical), ct);
        var counted = members.Where(m => !m.Activity.IsCancelled && (approved != true || m.Activity.Review == Activities.ReviewState.Approved)).ToList();
        var indicators = await DashboardSource.IndicatorsAsync(session, filter.AsOf, ct);
        return Results.Ok(Contributions(figure!, counted, indicators));
    }

    static IReadOnlyList<Contribution> Contributions(string figure, IReadOnlyList<ReportedActivity> counted, IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        switch (figure)
        {
            case "activities":
                return counted.Select(m => new Contribution(m.Id, m.Activity.Title, 1, [m.CountedSince])).ToList();
            case "participants":
                return counted.Where(m => m.ParticipantsSequence is not null)
                    .Select(m => new Contribution(m.Id, m.Activity.Title, m.Activity.Participants!.Total, [m.ParticipantsSequence!.Value])).ToList();
            default:
                var indicator = figure["outcome:".Length..];
                var reports = counted.SelectMany(m => m.Activity.Outcomes.Where(o => o.IndicatorCode == indicator).Select(o => (Activity: m, Outcome: o))).ToList();
                var rule = indicators.GetValueOrDefault(indicator)?.Aggregation ?? AggregationRule.Sum;
                return Figures.Contributing(rule, reports)
                    .Select(r => new Contribution(r.Activity.Id, r.Activity.Activity.Title, r.Outcome.Value, [r.Activity.OutcomeSequences[indicator]])).ToList();
        }
    }

    sealed record Selection(IReadOnlyList<DashboardSlice> Values, string Scope);

    /// <summary>
    /// The slices of a dimension, or the one slice <paramref name="key"/>, from the cube (<see cref="DashboardCube"/>), or for partners, which are
    /// not a coordinate of the cube, from their activities (<see cref="PartnerSlices"/>).
    /// </summary>
    static async Task<Selection> SlicesAsync(string dimension, string? key, DashboardFilter filter, AccessScope scope, IQuerySession session, CancellationToken ct)
    {
        var scopeLabel = scope.Coverage;
        if (dimension != Dimensions.Partner)
        {
            var read = await DashboardCube.ReadAsync(session, filter, scope, [dimension], ct, key is null ? null : new SliceKey(dimension, key));
            return new Selection(read.By(dimension), scopeLabel);
        }
        var indicators = await DashboardSource.IndicatorsAsync(session, filter.AsOf, ct);
        return new Selection(await PartnerSlices.ReadAsync(session, filter, scope, indicators, ct, key), scopeLabel);
    }

    /// <summary>The dimension and the key in its canonical spelling; nulls when either is unknown.</summary>
    static async Task<(string? Dimension, string? Key)> SliceAsync(string dimension, string key, IQuerySession session, ReferenceData codes, CancellationToken ct) =>
        Routes.TryGetValue(dimension, out var dim) ? (dim, await CanonicalKeyAsync(dim, key, session, codes, ct)) : (null, null);

    static IResult NoSuchSlice(string dimension, string key) => Routes.TryGetValue(dimension, out var dim)
        ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.Text("Problem_NoSuchDashboard"), detail: Messages.Text("Problem_NoSuchSlice", key, dim))
        : NoSuchDimension(dimension);

    static async Task<string?> CanonicalKeyAsync(string dimension, string key, IQuerySession session, ReferenceData codes, CancellationToken ct) => dimension switch
    {
        Dimensions.Country => key.Equals(Dimensions.Regional, StringComparison.OrdinalIgnoreCase) ? Dimensions.Regional : codes.Countries.GetValueOrDefault(key)?.Alpha2,
        Dimensions.Programme => (await session.LoadAsync<ProgrammeDetails>(ProgrammeDetails.IdFor(key), ct))?.Code,
        Dimensions.Kind => codes.ActivityKinds.GetValueOrDefault(key)?.Code,
        Dimensions.Month => key == Dimensions.Undated || DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? key : null,
        Dimensions.Status => Enum.TryParse<Activities.ActivityStatus>(key, true, out var status) && !int.TryParse(key, out _) ? status.ToString() : null,
        Dimensions.Partner => (await session.LoadAsync<OrganisationDetails>(OrganisationDetails.IdFor(key), ct)) is { } o
            ? await OrganisationDirectory.ResolveAsync(session, o.Code, ct) : null,
        _ => key,
    };

    static async Task<IReadOnlyList<DashboardView>> ViewsAsync(IEnumerable<DashboardSlice> slices, DashboardFilter filter, string scope, AccessScope access, IQuerySession session, ReferenceData codes, CancellationToken ct)
    {
        // Names (and targets) come from the programme and organisation documents only for their own
        // dimensions: a country's dashboard is one read of its stored slice (each document read is a round trip).
        var selected = slices.ToList();
        var programmes = selected.Any(s => s.Dimension == Dimensions.Programme)
            ? (await session.Query<ProgrammeDetails>().ToListAsync(ct)).ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, ProgrammeDetails>();
        var organisations = selected.Any(s => s.Dimension == Dimensions.Partner)
            ? (await session.Query<OrganisationDetails>().ToListAsync(ct)).ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, OrganisationDetails>();
        var views = new List<DashboardView>();
        foreach (var slice in selected)
        {
            var (en, es) = slice.Dimension switch
            {
                Dimensions.Country when codes.Countries.TryGetValue(slice.Key, out var c) => (c.NameEn, c.NameEs),
                Dimensions.Country => (Messages.TextIn("en", "Slice_Regional"), Messages.TextIn("es", "Slice_Regional")),
                Dimensions.Programme when programmes.TryGetValue(slice.Key, out var p) => (p.NameEn, p.NameEs),
                Dimensions.Kind when codes.ActivityKinds.TryGetValue(slice.Key, out var k) => (k.NameEn, k.NameEs),
                Dimensions.Partner when organisations.TryGetValue(slice.Key, out var o) => (o.Name, o.Name),
                Dimensions.Month when slice.Key == Dimensions.Undated => (Messages.TextIn("en", "Slice_Undated"), Messages.TextIn("es", "Slice_Undated")),
                _ => (slice.Key, slice.Key),
            };
            var targets = slice.Dimension == Dimensions.Programme && programmes.TryGetValue(slice.Key, out var programme)
                ? await DashboardCube.TargetsAsync(session, programme, filter, access, ct)
                : null;
            var role = slice.Dimension is Dimensions.Country or Dimensions.Cube || filter.Country is not null ? filter.Role.Name() : null;
            views.Add(new DashboardView(slice.Dimension, slice.Key, en, es, scope, filter.AsOf, slice.AllReported, slice.Approved,
                slice.LastSequence, slice.LastEventAt, targets, role));
        }
        return views;
    }

    static IResult NoSuchDimension(string dimension) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.Text("Problem_NoSuchDashboard"),
        detail: Messages.Text("Problem_NoSuchDimension", dimension, string.Join(", ", Routes.Keys)));
}
