using Marten;

namespace ActivityTracker.Organisations;

/// <summary>Finds the organisation that stands for a code today, following merges.</summary>
public static class OrganisationDirectory
{
    /// <summary>Every organisation, merged ones included: the directory is reference data (hundreds), read whole where names are compared.</summary>
    public static async Task<IReadOnlyList<OrganisationDetails>> AllAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<OrganisationDetails>().ToListAsync(ct);

    /// <summary>Which of <paramref name="codes"/> name an organisation still awaiting an administrator's confirmation (a proposal), in order.</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(IQuerySession session, IEnumerable<string> codes, CancellationToken ct)
    {
        var named = codes.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (named.Count == 0)
            return [];
        var pending = (await session.LoadManyAsync<OrganisationDetails>(ct, named.Select(OrganisationDetails.IdFor)))
            .Where(o => o.IsPending).Select(o => o.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. named.Where(pending.Contains)];
    }

    /// <summary>
    /// The code of the organisation <paramref name="code"/> ended up in: itself when never merged,
    /// else the end of its chain of merges (A merged into B, B later into C: C). Null for an unknown code.
    /// Per-partner figures group by this, so figures follow a merge across all history.
    /// </summary>
    public static Task<string?> ResolveAsync(IQuerySession session, string code, CancellationToken ct) =>
        ResolveAsync(c => session.LoadAsync<OrganisationDetails>(OrganisationDetails.IdFor(c), ct), code);

    /// <summary>The same walk over any lookup by code; the rules make a cycle impossible, so one means broken data and throws.</summary>
    public static async Task<string?> ResolveAsync(Func<string, Task<OrganisationDetails?>> find, string code)
    {
        var organisation = await find(code);
        if (organisation is null)
            return null;

        var chain = new List<string> { organisation.Code };
        while (organisation.MergedIntoCode is { } into)
        {
            if (chain.Contains(into, StringComparer.OrdinalIgnoreCase))
                throw new InvalidDataException($"The organisation merges form a cycle: {string.Join(" -> ", chain)} -> {into}.");
            organisation = await find(into)
                ?? throw new InvalidDataException($"The organisation '{organisation.Code}' was merged into '{into}', which does not exist.");
            chain.Add(organisation.Code);
        }
        return organisation.Code;
    }
}
