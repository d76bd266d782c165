using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Components.Pages.Admin;
using ActivityTracker.Projections;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ActivityTracker.ComponentTests;

/// <summary>The projections page over a fixed reading: its rows, its empty state and the rebuild's confirmation, in both languages.</summary>
public sealed class ProjectionsPageTests : ComponentTest
{
    static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 3, 0, TimeSpan.Zero);

    readonly FixedProjections _projections;

    public ProjectionsPageTests() : this(new FixedProjections()) { }

    ProjectionsPageTests(FixedProjections projections) : base(context =>
    {
        context.Services.AddSingleton<IProjectionAdmin>(projections);
        context.AddAuthorization().SetAuthorized(DemoUsers.Admin.Email).SetRoles(Roles.Admin);
    }) => _projections = projections;

    static ShardOverview Dashboards(string? agent, ProjectionRebuild? rebuild) =>
        new(ShardLag.Of("Dashboards:All", "Dashboards", 1200, 1500, Noon.AddSeconds(-42), Noon), agent, 2, rebuild);

    [Fact]
    public void a_shard_this_node_runs_shows_its_lag_dead_letters_and_the_rebuild_under_way_in_English()
    {
        UseCulture("en");
        _projections.Overview = new("node-1", true, "node-1",
            [Dashboards("Running", new ProjectionRebuild { Id = "Dashboards", State = RebuildState.Running, RequestedAt = Noon, StartedAt = Noon, Node = "node-1" })], 3);

        var cut = RenderPage();

        Assert.Equal("Projections", cut.Find("h1").TextContent);
        Assert.Equal("This node (node-1) runs the projections.", cut.Find("[data-testid=projections-node]").TextContent.Trim());
        Assert.Equal("1,200", Cell(cut, "processed-Dashboards"));
        Assert.Equal("300", Cell(cut, "lag-Dashboards"));
        Assert.Equal("This node (node-1): running", Cell(cut, "runner-Dashboards"));
        Assert.Equal("2", Cell(cut, "dead-Dashboards"));
        Assert.Equal("Rebuilding since 2026-11-28 12:03:00 UTC on node-1", Cell(cut, "rebuild-state-Dashboards"));
        Assert.True(cut.Find("[data-testid=rebuild-Dashboards]").HasAttribute("disabled"));
        Assert.Contains("42", cut.Find("[data-testid=projection-table] tbody tr").TextContent);
        Assert.Equal("Messages in Wolverine's dead-letter table (every handler): 3", cut.Find("[data-testid=projections-dead-messages]").TextContent);
    }

    [Fact]
    public void a_shard_another_node_runs_says_so_in_Spanish()
    {
        UseCulture("es");
        _projections.Overview = new("node-2", false, "node-1", [Dashboards(null, null)], 0);

        var cut = RenderPage();

        Assert.Equal("Proyecciones", cut.Find("h1").TextContent);
        Assert.Equal("Este nodo (node-2) no ejecuta las proyecciones: las ejecuta node-1, y este toma el relevo si aquel se detiene. Reconstruya desde la página en node-1.",
            cut.Find("[data-testid=projections-node]").TextContent.Trim());
        Assert.Equal("1.200", Cell(cut, "processed-Dashboards"));
        Assert.Equal("node-1", Cell(cut, "runner-Dashboards"));
        Assert.Equal("No se ha reconstruido desde aquí", Cell(cut, "rebuild-state-Dashboards"));
        Assert.Equal(["Proyección (fragmento)", "Procesado hasta", "Último evento guardado", "Eventos de retraso", "Más antiguo sin procesar (s)",
            "Se ejecuta en", "Eventos en cola de errores", "Última reconstrucción", "Acciones"],
            cut.FindAll("[data-testid=projection-table] thead th").Select(h => h.TextContent.Trim()));
        // A rebuild here would run beside node-1's shard: only node-1's page offers it.
        Assert.True(cut.Find("[data-testid=rebuild-Dashboards]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("en", "Not run: the node that took the request stopped, and node-2, which received it, does not run the projections (given up at 2026-11-28 12:03:00 UTC). Ask again.")]
    [InlineData("es", "No se hizo: el nodo que recibió la petición se detuvo y node-2, que la heredó, no ejecuta las proyecciones (abandonada a las 2026-11-28 12:03:00 UTC). Pídala de nuevo.")]
    public void a_rebuild_given_up_on_a_node_that_does_not_run_the_projections_says_so_and_the_leader_may_ask_again(string language, string state)
    {
        UseCulture(language);
        _projections.Overview = new("node-1", true, "node-1",
            [Dashboards("Running", new ProjectionRebuild { Id = "Dashboards", State = RebuildState.NotRun, RequestedAt = Noon, FinishedAt = Noon, Node = "node-2" })], 0);

        var cut = RenderPage();

        Assert.Equal(state, Cell(cut, "rebuild-state-Dashboards"));
        Assert.False(cut.Find("[data-testid=rebuild-Dashboards]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("en", "There are no asynchronous projections.")]
    [InlineData("es", "No hay proyecciones asíncronas.")]
    public void without_async_projections_the_page_says_so(string culture, string empty)
    {
        UseCulture(culture);
        _projections.Overview = new("node-1", false, null, [], 0);

        var cut = RenderPage();

        Assert.Equal(empty, cut.Find("[data-testid=projections-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=projection-table]"));
    }

    [Theory]
    [InlineData("en", "Rebuild Dashboards?", "Cancel", "Rebuild", "The rebuild of Dashboards is queued.")]
    [InlineData("es", "¿Reconstruir Dashboards?", "Cancelar", "Reconstruir", "La reconstrucción de Dashboards está en cola.")]
    public void a_rebuild_is_asked_for_only_after_confirming(string culture, string question, string cancel, string yes, string queued)
    {
        UseCulture(culture);
        _projections.Overview = new("node-1", true, "node-1", [Dashboards("Running", null)], 0);
        var cut = RenderPage();

        cut.Find("[data-testid=rebuild-Dashboards]").Click();
        cut.WaitForAssertion(() => Assert.Contains(question, cut.Find(".mud-dialog").TextContent));
        Button(cut, cancel).Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.Empty(_projections.Requested);

        cut.Find("[data-testid=rebuild-Dashboards]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-dialog")));
        Button(cut, yes).Click();

        cut.WaitForAssertion(() => Assert.Equal(["Dashboards"], _projections.Requested));
        cut.WaitForAssertion(() => Assert.Contains(queued, cut.Find(".mud-snackbar").TextContent));
        // Read again after asking: the row now says it is queued and its button is off.
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=rebuild-Dashboards]").HasAttribute("disabled")));
    }

    static IElement Button(IRenderedComponent<IComponent> cut, string text) =>
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);

    static string Cell(IRenderedComponent<IComponent> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();

    IRenderedComponent<IComponent> RenderPage()
    {
        // The dialog, the snackbar and popovers live in the layout's providers.
        var cut = Render<CascadingValue<int>>(p => p.Add(c => c.Value, 0).AddChildContent(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(2);
            b.CloseComponent();
            b.OpenComponent<AdminProjections>(3);
            b.CloseComponent();
        }));
        cut.WaitForState(() => cut.FindAll("[role=progressbar]").Count == 0);
        return cut;
    }

    sealed class FixedProjections : IProjectionAdmin
    {
        public ProjectionsOverview Overview { get; set; } = new("node-1", false, null, [], 0);
        public List<string> Requested { get; } = [];

        public Task<ProjectionsOverview> ReadAsync(CancellationToken ct) => Task.FromResult(Overview);

        public Task<RebuildAnswer> RequestRebuildAsync(string projection, ClaimsPrincipal user, CancellationToken ct)
        {
            Requested.Add(projection);
            var rebuild = new ProjectionRebuild { Id = projection, State = RebuildState.Queued, RequestedBy = user.Identity?.Name, RequestedAt = Noon };
            Overview = Overview with { Shards = [.. Overview.Shards.Select(s => s.Lag.Projection == projection ? s with { Rebuild = rebuild } : s)] };
            return Task.FromResult<RebuildAnswer>(new RebuildAnswer.Queued(rebuild));
        }
    }
}
