using ActivityTracker.Access;

namespace ActivityTracker.Dashboards;

/// <summary>
/// The conditions a read puts on cells (the cube's, <see cref="CubeCell"/>, and the partners', <see cref="PartnerCell"/>: both keep
/// a programme, a host, the countries taking part and a kind as columns): the reader's scope by the read rule of
/// <see cref="AccessScope.Covers"/>, and the filter's programme, country (as its role has it) and kind.
/// </summary>
public sealed class CellSql
{
    readonly DashboardFilter filter;
    readonly List<string> where = [];
    readonly List<object> values = [];

    CellSql(DashboardFilter filter) => this.filter = filter;

    /// <summary>
    /// The scope and the filter; with <paramref name="hostedOutsideScope"/>, only the cells hosted outside the reader's countries that one of
    /// them takes part in; without <paramref name="countries"/>, no condition on countries (the caller's plan takes care of them).
    /// </summary>
    public static CellSql For(DashboardFilter filter, AccessScope scope, bool hostedOutsideScope = false, bool countries = true)
    {
        var sql = new CellSql(filter);
        foreach (var rule in ScopeSql(scope, hostedOutsideScope).Where(rule => countries || !rule.Countries))
            sql.Add(rule.Sql, rule.Args);
        if (filter.Programme is { } programme)
            sql.Add("upper(d.programme) = ?", programme.ToUpperInvariant());
        if (countries && filter.Country is { } country)
            sql.AddCountry("upper(d.host) = ?", country.ToUpperInvariant());
        if (filter.Kind is { } kind)
            sql.Add("lower(d.kind) = ?", kind.ToLowerInvariant());
        return sql;
    }

    public bool IsEmpty => where.Count == 0;

    /// <summary>The conditions joined, and with <paramref name="more"/> after them.</summary>
    public string Text(params string[] more) => string.Join(" and ", where.Concat(more));

    /// <summary>The values of the conditions' parameters, in order, and <paramref name="more"/> after them.</summary>
    public object[] Values(params object[] more) => [.. values, .. more];

    public void Add(string sql, params object[] args)
    {
        where.Add(sql);
        values.AddRange(args);
    }

    /// <summary>A country as the filter's role has it: the host, among the countries taking part (the GIN-indexed parts), or either.</summary>
    public void AddCountry(string hostSql, string country)
    {
        if (filter.Role == CountryRole.Host)
            Add(hostSql, country);
        else if (filter.Role == CountryRole.TakingPart)
            Add("d.parts && ?", (object)new[] { country });
        else
            Add($"({hostSql} or d.parts && ?)", country, new[] { country });
    }

    /// <summary>The read rule of <see cref="AccessScope.Covers"/> over the cells' columns (nothing when the scope covers everything).</summary>
    public static IEnumerable<(string Sql, object[] Args, bool Countries)> ScopeSql(AccessScope scope, bool hostedOutsideScope)
    {
        if (!scope.AllProgrammes)
            yield return ("upper(d.programme) = any(?)", [Upper(scope.Programmes)], false);
        if (!scope.AllCountries)
            yield return (hostedOutsideScope ? "(not upper(d.host) = any(?) and d.parts && ?)" : "(upper(d.host) = any(?) or d.parts && ?)",
                [Upper(scope.Countries), Upper(scope.Countries)], true);
    }

    static string[] Upper(IEnumerable<string> codes) => [.. codes.Select(c => c.ToUpperInvariant())];
}
