using System.Security.Claims;
using ActivityTracker.Access;
using ActivityTracker.Breakdowns;
using ActivityTracker.Commands;
using ActivityTracker.Components.Pages.Admin;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Kinds.Adding;
using ActivityTracker.Kinds.ChoosingIndicators;
using ActivityTracker.Kinds.Listing;
using ActivityTracker.Organisations;
using ActivityTracker.Organisations.Merging;
using ActivityTracker.Programmes;
using ActivityTracker.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ActivityTracker.ComponentTests;

/// <summary>The administrators' pages over fixed records: their lists, their forms' labels, and the rules' messages next to the fields.</summary>
public sealed class AdminPagesTests : ComponentTest
{
    readonly FixedRecords _records;

    public AdminPagesTests() : this(new FixedRecords()) { }

    AdminPagesTests(FixedRecords records) : base(context =>
    {
        context.Services.AddSingleton<IAdminRecords>(records);
        context.Services.AddSingleton(CodeLists.Shipped);
        context.AddAuthorization().SetAuthorized(DemoUsers.Admin.Email).SetRoles(Roles.Admin);
    }) => _records = records;

    [Fact]
    public void the_programmes_page_lists_names_countries_and_targets_and_labels_its_forms_in_Spanish()
    {
        UseCulture("es");
        _records.Programmes = [new ProgrammeDetails(Guid.NewGuid(), "MESO-CARIB", "Mesoamerica and the Caribbean", "Mesoamérica y el Caribe", ["MX", "GT"],
            [new ProgrammeTarget("jobfair-hired", "2019", 100)])];
        _records.Indicators = [Indicator("jobfair-hired", "People hired", "Personas contratadas")];

        var cut = RenderPage<AdminProgrammes>();

        var row = cut.Find("[data-testid=programme-table] tbody tr");
        Assert.Contains("Mesoamérica y el Caribe", row.TextContent);
        Assert.Contains("México, Guatemala", row.TextContent);
        Assert.Contains("Personas contratadas · 2019: 100", row.TextContent);
        Assert.Equal("Programas", cut.Find("h1").TextContent);
        Assert.Equal(["Código", "Nombre en inglés", "Nombre en español", "Países", "Programa", "Indicador", "Período", "Meta", "Motivo"], Labels(cut));
    }

    [Fact]
    public void the_organisations_page_shows_aliases_types_and_merges_and_labels_its_forms_in_Spanish()
    {
        UseCulture("es");
        _records.Organisations =
        [
            Organisation("tijuana-mx", "Municipality of Tijuana", null) with { Aliases = ["Municipio de Tijuana"] },
            Organisation("municipio-tijuana", "Municipio de Tijuana", "tijuana-mx"),
        ];

        var cut = RenderPage<AdminOrganisations>();

        Assert.Contains("Municipio de Tijuana", cut.Find("[data-testid=organisation-table] tbody tr").TextContent);
        Assert.Contains("Gobierno local", cut.Find("[data-testid=organisation-table] tbody tr").TextContent);
        Assert.Equal("Fusionada en tijuana-mx", cut.Find("[data-testid=merged-municipio-tijuana]").TextContent.Trim());
        Assert.Equal("", cut.Find("[data-testid=merged-tijuana-mx]").TextContent.Trim());
        Assert.Equal(
            ["Buscar por nombre, sigla u otro nombre", "Código", "Nombre", "Sigla", "Otros nombres", "Identificador IATI", "Tipo (IATI)",
             "Organización", "Otro nombre", "Organización que se fusiona", "Organización que continúa", "Motivo"],
            Labels(cut));
    }

    [Fact]
    public void the_organisations_page_shows_proposals_first_and_confirms_one_as_fixed_by_the_administrator()
    {
        UseCulture("es");
        var proposal = Organisation("pmh", "Pastoral Movilidad", null) with { Acronym = "PMH", IsPending = true, ProposedBy = "officer.gt@demo.local", Version = 1 };
        _records.Organisations = [Organisation("iom", "International Organization for Migration", null), proposal];

        var cut = RenderPage<AdminOrganisations>();

        Assert.Equal("Propuestas pendientes de confirmación", cut.Find("h2").TextContent);
        Assert.Contains("Código pmh · Gobierno local · propuesta por officer.gt@demo.local", cut.Find("[data-testid=proposal-pmh]").TextContent);
        Assert.Contains("pendiente", cut.Find("[data-testid=organisation-table] tbody tr").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=proposal-iom]"));

        cut.Find("[data-testid=confirm-pmh]").Click();
        cut.Find("input[data-testid=confirm-name]").Input("Pastoral de Movilidad Humana");
        cut.Find("[data-testid=confirm-pmh]").Click();

        cut.WaitForAssertion(() => Assert.Equal(
            new OrganisationConfirmed("Pastoral de Movilidad Humana", "PMH", OrganisationType.LocalGovernment, null), Assert.Single(_records.Applied)));
    }

    [Fact]
    public void the_indicators_page_lists_rules_breakdowns_and_kinds_and_labels_its_forms_in_Spanish()
    {
        UseCulture("es");
        _records.Indicators = [Indicator("jobfair-hired", "People hired", "Personas contratadas") with { Breakdowns = [Breakdown.Sex], Kinds = ["job-fair"] }];

        var cut = RenderPage<AdminIndicators>();

        var row = cut.Find("[data-testid=indicator-table] tbody tr").TextContent;
        Assert.Contains("Personas contratadas", row);
        Assert.Contains("Suma", row);
        Assert.Contains("Sexo", row);
        Assert.Contains("Feria de empleo", row);
        Assert.Equal(["Código", "Nombre en inglés", "Nombre en español", "Unidad", "Medida", "Cómo se agregan las cifras", "Desgloses", "Tipos de actividad", "Indicador"], Labels(cut));
    }

    [Fact]
    public void the_activity_kinds_page_lists_both_names_and_the_indicators_that_apply_and_labels_its_forms_in_Spanish()
    {
        UseCulture("es");
        _records.Indicators = [Indicator("people-trained", "People trained", "Personas capacitadas"), Indicator("countries-represented", "Countries represented", "Países representados")];
        _records.Kinds =
        [
            new ActivityKindView("meeting", "Meeting", "Reunión", 1, ["countries-represented"]),
            new ActivityKindView("workshop", "Workshop", "Taller", 1, ["countries-represented", "people-trained"]),
        ];

        var cut = RenderPage<AdminKinds>();

        var rows = cut.FindAll("[data-testid=kind-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("Workshop", rows[1]);
        Assert.Contains("Taller", rows[1]);
        Assert.Equal("Países representados, Personas capacitadas", cut.Find("[data-testid=kind-indicators-workshop]").TextContent.Trim());
        Assert.Equal("Tipos de actividad", cut.Find("h1").TextContent);
        Assert.Equal(["Código", "Nombre en inglés", "Nombre en español", "Indicadores que se aplican", "Tipo de actividad"], Labels(cut));
    }

    [Fact]
    public void a_new_kind_s_rules_answer_next_to_each_field_and_a_taken_code_is_said_on_the_code()
    {
        UseCulture("es");
        _records.Kinds = [new ActivityKindView("meeting", "Meeting", "Reunión", 1, [])];
        var cut = RenderPage<AdminKinds>();

        cut.Find("input[data-testid=kind-code]").Input("Taller de trabajo");
        cut.WaitForAssertion(() => Assert.Contains("'Taller de trabajo' no es válido como código", HelperOf(cut, "kind-code")));
        cut.Find("[data-testid=kind-add]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(HelperOf(cut, "kind-name-es")));
        Assert.Null(_records.AddedKind);

        cut.Find("input[data-testid=kind-code]").Input("workshop");
        cut.Find("input[data-testid=kind-name-en]").Input("Workshop");
        cut.Find("input[data-testid=kind-name-es]").Input("Taller");
        _records.CodeTaken = true;
        cut.Find("[data-testid=kind-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("«workshop»", HelperOf(cut, "kind-code")));
        Assert.Equal(("workshop", "Taller"), (_records.AddedKind!.Code, _records.AddedKind.NameEs));
    }

    [Fact]
    public void the_accounts_page_lists_roles_scope_and_lockout_and_labels_its_form_in_Spanish()
    {
        UseCulture("es");
        _records.Users =
        [
            new UserSummary("1", "manager@demo.local", ["manager"], ["*"], [], LockedOut: false),
            new UserSummary("2", "officer.hn@example.org", ["officer"], [], ["HN"], LockedOut: true),
        ];

        var cut = RenderPage<AdminUsers>();

        var rows = cut.FindAll("[data-testid=user-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("Gerente", rows[0]);
        Assert.Contains("Todos", rows[0]);
        Assert.Contains("Oficial", rows[1]);
        Assert.Contains("Honduras", rows[1]);
        Assert.Contains("Sí", rows[1]);
        Assert.Equal(["Correo electrónico", "Contraseña inicial", "Roles", "Programas", "Países"], Labels(cut));

        cut.Find("[data-testid='edit-officer.hn@example.org']").Click();
        Assert.Equal("officer.hn@example.org", cut.Find("[data-testid=access-email]").TextContent);
        Assert.Equal(["Correo electrónico", "Contraseña inicial", "Roles", "Programas", "Países", "Roles", "Programas", "Países"], Labels(cut));
    }

    [Fact]
    public void the_accounts_page_offers_what_fits_each_account_s_state_in_Spanish()
    {
        UseCulture("es");
        _records.Users =
        [
            new UserSummary("1", "locked@example.org", ["officer"], [], ["HN"], LockedOut: true, Disabled: false),
            new UserSummary("2", "disabled@example.org", ["officer"], [], ["HN"], LockedOut: false, Disabled: true),
        ];

        var cut = RenderPage<AdminUsers>();

        string Action(string testId) => cut.Find($"[data-testid='{testId}']").TextContent.Trim();
        Assert.Equal(("Desbloquear", "Desactivar", "Cerrar todas las sesiones"), (Action("Unlock-locked@example.org"), Action("Disable-locked@example.org"), Action("SignOutEverywhere-locked@example.org")));
        Assert.Equal(("Bloquear", "Activar"), (Action("Lock-disabled@example.org"), Action("Enable-disabled@example.org")));
        Assert.Contains("Sí", cut.FindAll("[data-testid=user-table] tbody tr")[1].TextContent);

        cut.Find("[data-testid='Unlock-locked@example.org']").Click();
        Assert.Equal(("1", AccountChange.Unlock), _records.Changed);
    }

    [Theory]
    [InlineData("programmes", "No programmes are registered yet. Register the first one below.")]
    [InlineData("organisations", "No organisations are registered yet. Register the first one below.")]
    [InlineData("indicators", "No indicators are defined yet. Define the first one below.")]
    [InlineData("activity-kinds", "No activity kinds yet. Add the first one below.")]
    [InlineData("users", "There are no accounts yet.")]
    public void each_page_says_when_it_has_nothing_to_list(string page, string empty)
    {
        UseCulture("en");
        var text = page switch
        {
            "programmes" => RenderPage<AdminProgrammes>().Find("[data-testid=programmes-empty]").TextContent,
            "organisations" => RenderPage<AdminOrganisations>().Find("[data-testid=organisations-empty]").TextContent,
            "indicators" => RenderPage<AdminIndicators>().Find("[data-testid=indicators-empty]").TextContent,
            "activity-kinds" => RenderPage<AdminKinds>().Find("[data-testid=kinds-empty]").TextContent,
            _ => RenderPage<AdminUsers>().Find("[data-testid=users-empty]").TextContent,
        };
        Assert.Equal(empty, text.Trim());
    }

    [Fact]
    public void the_breakdowns_page_says_what_each_breaks_down_in_Spanish()
    {
        UseCulture("es");
        _records.Indicators = [Indicator("people-trained", "People trained", "Personas capacitadas")];

        _records.Breakdowns = [new BreakdownDimension(Guid.NewGuid(), "institution", "Institution", "Institución", DimensionValues.Organisations, [],
            Participants: true, ["people-trained"])];
        var cut = RenderPage<AdminBreakdowns>();
        var row = cut.Find("[data-testid=breakdown-table] tbody tr").TextContent;
        Assert.Contains("Institución", row);
        Assert.Contains("Las organizaciones del directorio", row);
        Assert.Contains("Participantes, Personas capacitadas", row);
    }

    [Fact]
    public void a_breakdown_code_that_is_built_in_is_refused_next_to_the_field_and_an_empty_list_says_so()
    {
        UseCulture("es");
        var cut = RenderPage<AdminBreakdowns>();
        Assert.Equal("Aún no hay dimensiones de desglose. Defina una abajo.", cut.Find("[data-testid=breakdowns-empty]").TextContent.Trim());

        cut.Find("input[data-testid=breakdown-code]").Input("sex");

        cut.WaitForAssertion(() => Assert.Contains("'sex' es una dimensión propia de los indicadores", HelperOf(cut, "breakdown-code")));
    }

    [Fact]
    public void the_rules_answer_next_to_the_field_as_the_administrator_types_and_a_taken_code_is_said_there_too()
    {
        UseCulture("es");
        var cut = RenderPage<AdminProgrammes>();

        cut.Find("input[data-testid=programme-code]").Input("meso carib!");
        cut.WaitForAssertion(() => Assert.Contains("'meso carib!' no es válido como código de programa: use entre 2 y 30 letras mayúsculas", HelperOf(cut, "programme-code")));

        cut.Find("input[data-testid=programme-code]").Input("MESO-CARIB");
        cut.Find("input[data-testid=programme-name-en]").Input("Mesoamerica and the Caribbean");
        cut.Find("input[data-testid=programme-name-es]").Input("Mesoamérica y el Caribe");
        // The code shows its rule again.
        cut.WaitForAssertion(() => Assert.Empty(HelperOf(cut, "programme-name-es")));
        Assert.StartsWith("De 2 a 30 letras mayúsculas", HelperOf(cut, "programme-code"));
        _records.CodeTaken = true;
        var countries = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == "programme-countries");
        cut.InvokeAsync(() => countries.Instance.SelectOption("MX"));
        cut.Find("[data-testid=programme-register]").Click();

        cut.WaitForAssertion(() => Assert.Contains("El código «MESO-CARIB» ya está registrado", HelperOf(cut, "programme-code")));
        Assert.Equal("MESO-CARIB", _records.Registered);
    }

    IRenderedComponent<TPage> RenderPage<TPage>() where TPage : IComponent
    {
        // MudSelect's lists live in a popover, which the layout's MudPopoverProvider renders.
        var cut = Render<TPage>(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<TPage>(1);
            b.CloseComponent();
        });
        cut.WaitForState(() => cut.FindAll("[role=progressbar]").Count == 0);
        return cut;
    }

    static List<string> Labels<TPage>(IRenderedComponent<TPage> cut) where TPage : IComponent =>
        cut.FindAll("label.mud-input-label").Select(l => l.TextContent.Trim()).ToList();

    /// <summary>The helper or error text under the input with <paramref name="testId"/>.</summary>
    static string HelperOf<TPage>(IRenderedComponent<TPage> cut, string testId) where TPage : IComponent =>
        cut.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent ?? "";

    static IndicatorDefinition Indicator(string code, string en, string es) =>
        new(Guid.NewGuid(), code, en, es, "people", AggregationRule.Sum, [], []);

    static OrganisationDetails Organisation(string code, string name, string? mergedInto) =>
        new(Guid.NewGuid(), code, name, null, [], null, OrganisationType.LocalGovernment, mergedInto);

    /// <summary>Records as the tests set them; registering answers <see cref="CodeTaken"/>. The pages' other changes are covered by the browser journeys.</summary>
    sealed class FixedRecords : IAdminRecords
    {
        public IReadOnlyList<UserSummary> Users { get; set; } = [];
        public IReadOnlyList<ProgrammeDetails> Programmes { get; set; } = [];
        public IReadOnlyList<OrganisationDetails> Organisations { get; set; } = [];
        public IReadOnlyList<IndicatorDefinition> Indicators { get; set; } = [];
        public IReadOnlyList<BreakdownDimension> Breakdowns { get; set; } = [];
        public bool CodeTaken { get; set; }
        public string? Registered { get; private set; }

        public Task<IReadOnlyList<UserSummary>> UsersAsync(CancellationToken ct) => Task.FromResult(Users);
        public Task<IReadOnlyList<ProgrammeDetails>> ProgrammesAsync(CancellationToken ct) => Task.FromResult(Programmes);
        public Task<IReadOnlyList<OrganisationDetails>> OrganisationsAsync(CancellationToken ct) => Task.FromResult(Organisations);
        public Task<IReadOnlyList<IndicatorDefinition>> IndicatorsAsync(CancellationToken ct) => Task.FromResult(Indicators);
        public IReadOnlyList<ActivityKindView> Kinds { get; set; } = [];
        public Task<IReadOnlyList<ActivityKindView>> KindsAsync(CancellationToken ct) => Task.FromResult(Kinds);
        public AddActivityKind? AddedKind { get; private set; }

        public Task<CommandOutcome> AddKindAsync(AddActivityKind command, ClaimsPrincipal user, CancellationToken ct)
        {
            AddedKind = command;
            return Task.FromResult<CommandOutcome>(CodeTaken ? new CommandOutcome.Stale(1) : new CommandOutcome.Decided(Decision.Append(), 0));
        }

        public Task<CommandOutcome> ChooseKindIndicatorsAsync(Guid kindId, long version, ChooseKindIndicators command, ClaimsPrincipal user, CancellationToken ct) =>
            throw new NotSupportedException();
        public Task<IReadOnlyList<BreakdownDimension>> BreakdownsAsync(CancellationToken ct) => Task.FromResult(Breakdowns);

        public Task<CommandOutcome> RegisterAsync<T>(Decision.Accepted registration, ClaimsPrincipal user, CancellationToken ct) where T : class
        {
            Registered = ((ProgrammeRegistered)registration.Events.Single()).Code;
            return Task.FromResult<CommandOutcome>(CodeTaken ? new CommandOutcome.Stale(1) : new CommandOutcome.Decided(registration, 0));
        }

        public Task<FieldErrors> CreateUserAsync(CreateUser command, CancellationToken ct) => throw new NotSupportedException();
        public Task<FieldErrors?> SetAccessAsync(string id, UserAccess access, ClaimsPrincipal admin, CancellationToken ct) => throw new NotSupportedException();
        public (string Id, AccountChange Change)? Changed { get; private set; }

        public Task<string?> ChangeAccountAsync(string id, AccountChange change, ClaimsPrincipal admin, CancellationToken ct)
        {
            Changed = (id, change);
            return Task.FromResult<string?>(null);
        }
        public List<object> Applied { get; } = [];

        /// <summary>Decides against the record the page listed with that id, as the store would, and keeps what was accepted.</summary>
        public Task<CommandOutcome> ApplyAsync<T>(Guid id, long version, Func<T, Decision> decide, ClaimsPrincipal user, CancellationToken ct) where T : class
        {
            var decision = decide(Organisations.Single(o => o.Id == id) as T ?? throw new NotSupportedException());
            Applied.AddRange(decision is Decision.Accepted accepted ? accepted.Events : []);
            return Task.FromResult<CommandOutcome>(new CommandOutcome.Decided(decision, version));
        }
        public Task<CommandOutcome> MergeAsync(OrganisationDetails merged, MergeOrganisation command, ClaimsPrincipal user, CancellationToken ct) => throw new NotSupportedException();
    }
}
