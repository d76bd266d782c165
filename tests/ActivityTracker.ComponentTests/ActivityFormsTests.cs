using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Recording;
using ActivityTracker.Breakdowns;
using ActivityTracker.Commands;
using ActivityTracker.Components.Pages.Activities;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Organisations;
using ActivityTracker.Programmes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ActivityTracker.ComponentTests;

/// <summary>The log form and the activity page's correction forms: each rule's message under its own input, in the user's language.</summary>
public sealed class ActivityFormsTests : ComponentTest
{
    static readonly Catalog Catalog = new(Codes,
        new Dictionary<string, ProgrammeDetails> { ["MESO-CARIB"] = new(Guid.NewGuid(), "MESO-CARIB", "Mesoamerica and the Caribbean", "Mesoamérica y el Caribe", ["MX", "GT"], []) },
        new Dictionary<string, OrganisationDetails>(),
        new Dictionary<string, IndicatorDefinition>
        {
            ["jobfair-hired"] = new(Guid.NewGuid(), "jobfair-hired", "People hired", "Personas contratadas", "people", AggregationRule.Sum, [Breakdown.Sex], ["job-fair"]),
        },
        Codes.SeededKinds,
        new Dictionary<string, BreakdownDimension>());

    /// <summary>A job fair held on 27 February 2019, at version 3.</summary>
    static readonly ActivityDetails JobFair = new()
    {
        Id = Guid.NewGuid(), Kind = "job-fair", Language = "en", Title = "Second Municipal Job Fair", ProgrammeCode = "MESO-CARIB", SectorCode = "16020",
        Location = new Location("MX", "Baja California", "Tijuana", null, null), ActualStart = new DateOnly(2019, 2, 27), Version = 3,
    };

    public ActivityFormsTests() : base(context => context.Services.AddSingleton(TimeProvider.System)) { }

    readonly List<Func<ActivityDetails, Decision>> _applied = [];
    CommandOutcome _answer = new CommandOutcome.Decided(Decision.Append(), 3);

    Task<CommandOutcome> Apply(Func<ActivityDetails, Decision> decide)
    {
        _applied.Add(decide);
        return Task.FromResult(_answer);
    }

    [Theory]
    [InlineData("en", "Each group needs a count of zero or more.", "The total number of participants is required.")]
    [InlineData("es", "Cada grupo necesita un recuento de cero o más.", "El número total de participantes es obligatorio.")]
    public void a_breakdown_row_without_a_count_shows_the_rule_under_its_count(string culture, string groupCount, string totalRequired)
    {
        UseCulture(culture);
        var cut = RenderForm(Catalog);

        cut.Find("[data-testid=add-group]").Click();
        cut.WaitForAssertion(() => Assert.Equal(totalRequired, HelperOf(cut, "participants")));

        cut.Find("input[data-testid=participants]").Change("10");
        cut.WaitForAssertion(() => Assert.Equal(groupCount, HelperOf(cut, "group-count-0")));
        Assert.Equal("", HelperOf(cut, "participants"));

        cut.Find("input[data-testid=group-count-0]").Change("4");
        cut.WaitForAssertion(() => Assert.Equal("", HelperOf(cut, "group-count-0")));
    }

    [Fact]
    public void correcting_a_total_or_a_value_sends_the_breakdown_again_so_it_is_not_dropped()
    {
        var report = new ParticipantsReport(40, false, [new ParticipantGroup(Sex.Female, AgeBand.Adults, 25)], 3, [new NationalityCount("HN", 30)]);
        var outcome = new OutcomeValue("jobfair-hired", 12, [new OutcomeSplit(Breakdown.Sex, "Female", 7)]);

        var participants = ParticipantsForm.Of(report);
        participants.Total = 45;
        var value = OutcomeForm.Of(outcome);
        value.Value = 13;

        var input = participants.Input()!;
        Assert.Equal((45, 3), (input.Total, input.UnaccompaniedMinors));
        Assert.Equal(new ParticipantGroupInput(Sex.Female, AgeBand.Adults, 25), Assert.Single(input.Groups!));
        Assert.Equal(new NationalityInput("HN", 30), Assert.Single(input.Nationalities!));
        Assert.Equal(new OutcomeInput("jobfair-hired", 13, [new OutcomeSplitInput(Breakdown.Sex, "Female", 7)]).Breakdown, value.Input("jobfair-hired").Breakdown);
        Assert.Null(ParticipantsForm.Of(null).Input());
    }

    [Fact]
    public async Task an_outcome_given_as_a_floor_is_ticked_on_the_form_and_sent_as_one()
    {
        UseCulture("es");
        var cut = RenderForm(Catalog);
        await Choose(cut, "kind", "job-fair");

        var floor = cut.Find("[data-testid=outcome-jobfair-hired-minimum]");
        Assert.Contains("Al menos", floor.Closest("label")!.TextContent);
        // A correction keeps the flag with the value unless it is unticked.
        var form = OutcomeForm.Of(new OutcomeValue("jobfair-hired", 1500, [], ValueIsMinimum: true));
        Assert.Equal((1500m, true), (form.Input("jobfair-hired").Value, form.Input("jobfair-hired").ValueIsMinimum));
        form.ValueIsMinimum = false;
        Assert.False(form.Input("jobfair-hired").ValueIsMinimum);
    }

    [Fact]
    public async Task groups_and_nationalities_are_rows_added_and_removed_and_their_sum_is_checked_against_the_total()
    {
        UseCulture("en");
        var cut = RenderForm(Catalog);
        cut.Find("input[data-testid=participants]").Change("10");

        cut.Find("[data-testid=add-group]").Click();
        cut.Find("[data-testid=add-group]").Click();
        await Choose<RecordForm, Sex?>(cut, "group-sex-0", Sex.Female);
        await Choose<RecordForm, Sex?>(cut, "group-sex-1", Sex.Male);
        cut.Find("input[data-testid=group-count-0]").Change("8");
        cut.Find("input[data-testid=group-count-1]").Change("7");
        cut.WaitForAssertion(() => Assert.Equal("The breakdown adds up to 15, more than the total of 10.", cut.Find("[data-testid=groups-error]").TextContent));

        cut.Find("[data-testid=remove-group-0]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=groups-error]")));
        Assert.Equal("7", cut.Find("input[data-testid=group-count-0]").GetAttribute("value"));
        Assert.Empty(cut.FindAll("input[data-testid=group-count-1]"));

        cut.Find("[data-testid=add-nationality]").Click();
        cut.WaitForAssertion(() => Assert.Equal("The country of nationality is required.", HelperOf(cut, "nationality-country-0")));
    }

    [Theory]
    [InlineData("en", "Each part needs a value of zero or more.", "The category is required.")]
    [InlineData("es", "Cada parte necesita un valor de cero o más.", "La categoría es obligatoria.")]
    public async Task an_outcome_breakdown_row_is_checked_by_the_indicators_rules(string culture, string partValue, string categoryRequired)
    {
        UseCulture(culture);
        var cut = RenderForm(Catalog);
        await Choose(cut, "kind", "job-fair");

        cut.Find("[data-testid=add-split-jobfair-hired]").Click();

        cut.WaitForAssertion(() => Assert.Equal(partValue, HelperOf(cut, "split-jobfair-hired-0-value")));
        Assert.Equal(categoryRequired, HelperOf(cut, "split-jobfair-hired-0-category"));
        // The indicator is broken down by sex only, so the categories are the sexes.
        var category = Select<RecordForm, string>(cut, "split-jobfair-hired-0-category").FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value).ToList();
        Assert.Contains("Female", category);
        Assert.DoesNotContain("MX", category);
    }

    [Theory]
    [InlineData("en", "It was already reported as held from 2019-02-27: say why the dates change (correction.reason).", "Someone changed this activity meanwhile; it has been reloaded. Check it and try again.")]
    [InlineData("es", "Ya se informó de que se celebró a partir del 2019-02-27: indique por qué cambian las fechas (correction.reason).", "Alguien modificó esta actividad mientras tanto; se volvió a cargar. Revísela e intente de nuevo.")]
    public async Task changing_held_dates_asks_for_a_reason_and_a_stale_save_says_so(string culture, string reasonNeeded, string stale)
    {
        UseCulture(culture);
        var cut = Render<HeldForm>(p => p.Add(f => f.Activity, JobFair).Add(f => f.Apply, Apply));

        await Pick(cut, "held-start", new DateTime(2019, 2, 26));
        cut.WaitForAssertion(() => Assert.Equal(reasonNeeded, cut.Find("[data-testid=held-correction-error]").TextContent));

        await Choose<HeldForm, CorrectionReason?>(cut, "held-reason", CorrectionReason.LateData);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=held-correction-error]")));
        _answer = new CommandOutcome.Stale(4);
        cut.Find("[data-testid=save-held]").Click();

        cut.WaitForAssertion(() => Assert.Equal(stale, cut.Find("[data-testid=held-problem]").TextContent));
        var held = Assert.IsType<ActivityHeld>(Assert.Single(Assert.IsType<Decision.Accepted>(Assert.Single(_applied)(JobFair)).Events));
        Assert.Equal((new DateOnly(2019, 2, 26), CorrectionReason.LateData), (held.ActualStart, held.Correction!.Reason));
    }

    [Fact]
    public async Task correcting_details_shows_the_rules_under_the_fields_and_sends_only_what_changed()
    {
        UseCulture("es");
        var cut = Render<CorrectDetailsForm>(p => p.Add(f => f.Activity, JobFair).Add(f => f.Catalog, Catalog)
            .Add(f => f.Countries, Codes.Countries.Values.ToList()).Add(f => f.Apply, Apply));
        Assert.Equal("Second Municipal Job Fair", cut.Find("input[data-testid=title]").GetAttribute("value"));

        cut.Find("input[data-testid=title]").Input("");
        cut.WaitForAssertion(() => Assert.Equal("El título es un dato obligatorio.", HelperOf(cut, "title")));

        cut.Find("input[data-testid=title]").Input("Segunda Feria Municipal de Empleo");
        await Choose<CorrectDetailsForm, CorrectionReason?>(cut, "details-reason", CorrectionReason.Typo);
        cut.Find("[data-testid=save-details]").Click();

        cut.WaitForAssertion(() => Assert.Single(_applied));
        var corrected = Assert.IsType<DetailsCorrected>(Assert.Single(Assert.IsType<Decision.Accepted>(_applied[0](JobFair)).Events));
        Assert.Equivalent(new DetailChanges(Title: "Segunda Feria Municipal de Empleo"), corrected.Changes, strict: true);
        Assert.Empty(cut.FindAll("[data-testid=details-problem]"));
    }

    [Theory]
    [InlineData("en", "Not saved: the activity must stay within your programmes and host countries.")]
    [InlineData("es", "No se guardó: la actividad debe quedar dentro de sus programas y países anfitriones.")]
    public async Task a_correction_refused_as_outside_scope_says_why_on_the_form(string culture, string refused)
    {
        UseCulture(culture);
        var cut = Render<CorrectDetailsForm>(p => p.Add(f => f.Activity, JobFair).Add(f => f.Catalog, Catalog)
            .Add(f => f.Countries, Codes.Countries.Values.ToList()).Add(f => f.Apply, Apply));
        cut.Find("input[data-testid=title]").Input("Segunda Feria Municipal de Empleo");
        await Choose<CorrectDetailsForm, CorrectionReason?>(cut, "details-reason", CorrectionReason.Typo);
        _answer = new CommandOutcome.OutsideScope();

        cut.Find("[data-testid=save-details]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith(refused, cut.Find("[data-testid=details-problem]").TextContent));
    }

    [Fact]
    public async Task the_partner_picker_finds_by_acronym_first_and_offers_no_organisation_merged_into_another()
    {
        static OrganisationDetails Organisation(string code, string name, string? acronym, string? mergedInto = null) =>
            new(OrganisationDetails.IdFor(code), code, name, acronym, [], null, OrganisationType.Government, mergedInto);
        var catalog = Catalog with
        {
            Organisations = new Dictionary<string, OrganisationDetails>(StringComparer.OrdinalIgnoreCase)
            {
                ["ilo"] = Organisation("ilo", "Organización Internacional del Trabajo", "OIT"),
                ["anti-exploitation"] = Organisation("anti-exploitation", "Network against Labour Exploitation", null),
                ["oitec"] = Organisation("oitec", "Oitec Consultores", "OITEC"),
                ["oit-old"] = Organisation("oit-old", "OIT (old record)", "OIT", mergedInto: "ilo"),
            },
        };
        var cut = RenderForm(catalog);
        cut.Find("[data-testid=add-partner]").Click();

        var picker = cut.FindComponent<MudAutocomplete<string>>().Instance;
        var search = picker.SearchFunc ?? throw new InvalidOperationException("the partner picker has no search");
        var name = picker.ToStringFunc ?? throw new InvalidOperationException("the partner picker names no partner");
        Assert.Equal(new[] { "ilo", "oitec" }, (await search("OIT", CancellationToken.None)!)!);
        Assert.Equal("Organización Internacional del Trabajo (OIT)", name("ilo"));
    }

    [Theory]
    [InlineData("en", "Propose «Pastoral Movilidad» as a new organisation", "'O.I.T.' is already known as Organización Internacional del Trabajo (ilo); use it.",
        "Pastoral Movilidad (PMH) · pending")]
    [InlineData("es", "Proponer «Pastoral Movilidad» como nueva organización", "«O.I.T.» ya se conoce como Organización Internacional del Trabajo (ilo); utilícela.",
        "Pastoral Movilidad (PMH) · pendiente")]
    public async Task a_partner_the_picker_does_not_find_is_proposed_on_the_spot_and_chosen_marked_pending(string culture, string offer, string known, string chosen)
    {
        UseCulture(culture);
        var catalog = Catalog with
        {
            Organisations = new Dictionary<string, OrganisationDetails>(StringComparer.OrdinalIgnoreCase)
            {
                ["ilo"] = new(OrganisationDetails.IdFor("ilo"), "ilo", "Organización Internacional del Trabajo", "OIT", [], null, OrganisationType.Multilateral, null),
            },
        };
        var cut = RenderForm(catalog);
        cut.Find("[data-testid=add-partner]").Click();
        var picker = cut.FindComponent<MudAutocomplete<string>>();
        var search = picker.Instance.SearchFunc ?? throw new InvalidOperationException("the partner picker has no search");

        Assert.Equal(["ilo"], await cut.InvokeAsync(() => search("oit", CancellationToken.None)!));
        Assert.Empty(cut.FindAll("[data-testid=propose-partner-0]"));
        Assert.Empty(await cut.InvokeAsync(() => search(" Pastoral Movilidad ", CancellationToken.None)!));
        cut.WaitForAssertion(() => Assert.Equal(offer, cut.Find("[data-testid=propose-partner-0]").TextContent.Trim()));

        cut.Find("[data-testid=propose-partner-0]").Click();
        Assert.Equal("Pastoral Movilidad", cut.Find("input[data-testid=propose-name]").GetAttribute("value"));
        await Choose<RecordForm, OrganisationType?>(cut, "propose-type", OrganisationType.NationalNgo);
        // The rule as the officer types: a name the directory knows points to the organisation to use.
        cut.Find("input[data-testid=propose-acronym]").Input("O.I.T.");
        cut.WaitForAssertion(() => Assert.Equal(known, cut.Find("[data-testid=propose-problem]").TextContent.Trim()));
        cut.Find("input[data-testid=propose-acronym]").Input("PMH");
        cut.Find("[data-testid=propose-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal("pmh", MudBlazor.Extensions.ComponentBaseWithStateExtensions.GetState(picker.Instance, x => x.Value)));
        Assert.Equal(new ProposedCommand("Pastoral Movilidad", "PMH", OrganisationType.NationalNgo), Assert.Single(_proposed));
        Assert.Equal(chosen, picker.Instance.ToStringFunc!("pmh"));
        Assert.Empty(cut.FindAll("[data-testid=propose-partner]"));
    }

    [Fact]
    public void the_case_file_names_its_partners_and_marks_the_ones_awaiting_confirmation()
    {
        UseCulture("es");
        var organisations = new Dictionary<string, OrganisationDetails>(StringComparer.OrdinalIgnoreCase)
        {
            ["iom"] = new(OrganisationDetails.IdFor("iom"), "iom", "International Organization for Migration", "IOM", [], null, OrganisationType.Multilateral, null),
            ["pmh"] = new(OrganisationDetails.IdFor("pmh"), "pmh", "Pastoral Movilidad", "PMH", [], null, OrganisationType.NationalNgo, null, IsPending: true),
        };

        var cut = Render<PartnerList>(p => p.Add(l => l.Partners, [new Partner("iom", OrganisationRole.Implementing), new Partner("PMH", OrganisationRole.Funding)])
            .Add(l => l.Organisations, organisations));

        Assert.Equal("International Organization for Migration (Ejecutor)", cut.Find("[data-testid=partner-iom]").TextContent.Trim());
        Assert.StartsWith("Pastoral Movilidad (Financiador)", cut.Find("[data-testid=partner-PMH]").TextContent.Trim());
        Assert.Equal("pendiente", Assert.Single(cut.FindAll("[data-testid=partner-pending]")).TextContent.Trim());
        Assert.Empty(cut.Find("[data-testid=partner-iom]").QuerySelectorAll("[data-testid=partner-pending]"));
    }

    sealed record ProposedCommand(string? Name, string? Acronym, OrganisationType? Type);

    readonly List<ProposedCommand> _proposed = [];

    Task<CommandOutcome> Propose(ActivityTracker.Organisations.Proposing.ProposeOrganisation command)
    {
        _proposed.Add(new(command.Name, command.Acronym, command.Type));
        return Task.FromResult<CommandOutcome>(new CommandOutcome.Decided(command.Decide([], "officer@test.local"), 0));
    }

    IRenderedComponent<RecordForm> RenderForm(Catalog catalog)
    {
        Func<Guid, RecordActivity, Task<string?>> save = (_, _) => Task.FromResult<string?>(null);
        Render<MudPopoverProvider>();
        return Render<RecordForm>(p => p.Add(f => f.Catalog, catalog).Add(f => f.Countries, Codes.Countries.Values.ToList()).Add(f => f.Save, save)
            .Add(f => f.Proposer, "officer@test.local").Add(f => f.Propose, Propose));
    }

    static Task Choose(IRenderedComponent<RecordForm> cut, string testId, string value) => Choose<RecordForm, string>(cut, testId, value);

    static IRenderedComponent<MudSelect<T>> Select<TForm, T>(IRenderedComponent<TForm> cut, string testId) where TForm : class, IComponent =>
        cut.FindComponents<MudSelect<T>>().Single(s => s.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == testId);

    static Task Choose<TForm, T>(IRenderedComponent<TForm> cut, string testId, T value) where TForm : class, IComponent
    {
        var select = Select<TForm, T>(cut, testId);
        return cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    static Task Pick<TForm>(IRenderedComponent<TForm> cut, string testId, DateTime date) where TForm : class, IComponent
    {
        var picker = cut.FindComponents<MudDatePicker>().Single(s => s.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == testId);
        return cut.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(date));
    }

    /// <summary>The helper or error text under the input with <paramref name="testId"/>, without a character counter.</summary>
    static string HelperOf<TForm>(IRenderedComponent<TForm> cut, string testId) where TForm : class, IComponent
    {
        var input = cut.Find($"[data-testid={testId}]");
        var control = input.Closest(".mud-input-control") ?? input.QuerySelector(".mud-input-control");
        var helper = control?.QuerySelector(".mud-input-helper-text");
        return (helper?.QuerySelector(".me-auto") ?? helper)?.TextContent.Trim() ?? "";
    }
}
