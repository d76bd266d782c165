namespace ActivityTracker.Tests.Architecture;

/// <summary>
/// The app's top-level folders depend on each other in one direction: composition (<c>Hosting</c>) and the pages
/// (<c>Components</c>) on the features, the features on the kernel (<c>Decisions</c>, <c>Commands</c>, <c>Localization</c>),
/// never back. And pages change nothing by themselves: every write is a command sent through Wolverine.
/// </summary>
public class FolderTests
{
    static readonly AppDependencies App = new();

    static Dictionary<string, HashSet<string>> FolderGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var (owner, type) in App.Types())
        {
            if (AppDependencies.FolderOf(owner) is not { } from)
                continue;
            var edges = graph.TryGetValue(from, out var found) ? found : graph[from] = [];
            foreach (var used in AppDependencies.TypesUsedBy(type))
                if (AppDependencies.FolderOf(used) is { } to && to != from)
                    edges.Add(to);
        }
        return graph;
    }

    /// <summary>Tarjan's strongly connected components: each with more than one folder is a cycle.</summary>
    static List<List<string>> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<List<string>>();
        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            foreach (var next in graph.GetValueOrDefault(folder) ?? [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (stack.Contains(next))
                    low[folder] = Math.Min(low[folder], index[next]);
            }
            if (low[folder] != index[folder])
                return;
            var component = new List<string>();
            string member;
            do component.Add(member = stack.Pop()); while (member != folder);
            if (component.Count > 1)
                cycles.Add(component);
        }
        foreach (var folder in graph.Keys.Where(f => !index.ContainsKey(f)))
            Visit(folder);
        return cycles;
    }

    /// <summary>Which types of <paramref name="from"/> use <paramref name="to"/>: the evidence a failure names.</summary>
    static IEnumerable<string> Uses(string from, string to) => App.Types()
        .Where(t => AppDependencies.FolderOf(t.Owner) == from && AppDependencies.TypesUsedBy(t.Type).Any(u => AppDependencies.FolderOf(u) == to))
        .Select(t => t.Owner.FullName).Distinct().Take(5);

    [Fact]
    public void no_two_top_level_folders_depend_on_each_other()
    {
        var graph = FolderGraph();

        var cycles = Cycles(graph).Select(cycle => string.Join(", ", cycle) + ":\n  " + string.Join("\n  ",
            from a in cycle from b in cycle where graph[a].Contains(b) select $"{a} -> {b} ({string.Join(", ", Uses(a, b))})")).ToList();

        Assert.True(cycles.Count == 0, string.Join("\n", cycles));
    }

    [Fact]
    public void the_kernel_depends_on_no_feature()
    {
        var graph = FolderGraph();

        Assert.Empty(graph["Decisions"].Except(["Localization"]));
        Assert.Empty(graph["Localization"]);
        Assert.Empty(graph["Commands"].Except(["Decisions", "Localization"]));
    }

    [Fact]
    public void no_page_opens_a_session_to_write_or_appends_events_itself()
    {
        // Reading is a query session; writing is a command through Wolverine (PageCommands), which holds the session.
        string[] writes = ["LightweightSession", "OpenSession", "IdentitySession", "DirtyTrackedSession", "SaveChangesAsync", "SaveChanges",
            "StartStream", "Append", "AppendMany", "FetchForWriting", "Store", "Delete", "Insert", "Update"];

        var writing = App.Types()
            .Where(t => AppDependencies.FolderOf(t.Owner) == "Components")
            .SelectMany(t => AppDependencies.MembersUsedBy(t.Type).Select(m => (Page: t.Owner.FullName, Member: m)))
            .Where(u => u.Member.DeclaringType.Namespace.StartsWith("Marten") && writes.Contains(u.Member.Name))
            .Select(u => $"{u.Page} calls {u.Member.DeclaringType.Name}.{u.Member.Name}")
            .Distinct().ToList();

        Assert.True(writing.Count == 0, string.Join("\n", writing));
    }
}
