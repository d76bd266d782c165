using System.Text.Json;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Indicators.Defining;
using ActivityTracker.Organisations;
using ActivityTracker.Organisations.Registering;
using ActivityTracker.Programmes.Registering;
using Alba;
using Marten;
using Wolverine.Http;

namespace ActivityTracker.Tests.Infrastructure;

/// <summary>Test data and HTTP steps shared by the programme, organisation and indicator tests.</summary>
public static class ReferenceScenarios
{
    /// <summary>The event an accepted registration starts its stream with; fails the test when it was not accepted.</summary>
    public static object Registered(this Decision decision) => Assert.Single(Assert.IsType<Decision.Accepted>(decision).Events);

    public static RegisterProgramme MesoCarib() => new("MESO-CARIB",
        "Regional Migration Program: Mesoamerica – The Caribbean",
        "Programa Regional sobre Migración: Mesoamérica – El Caribe",
        ["MX", "GT", "CR", "JM"]);

    public static DefineIndicator JobfairHired() => new("jobfair-hired",
        "People hired through job fairs", "Personas contratadas gracias a ferias de empleo", "people",
        AggregationRule.Sum, [Breakdown.Sex, Breakdown.Age, Breakdown.Country], ["job-fair"]);

    public static RegisterOrganisation Iom() => new("iom", "International Organization for Migration", "IOM",
        ["Organización Internacional para las Migraciones", "OIM"], "XM-DAC-47066", OrganisationType.Multilateral);

    public static RegisterOrganisation Segob() => new("segob-mx", "Secretaría de Gobernación", "SEGOB",
        ["Unidad de Política Migratoria", "UPM"], null, OrganisationType.Government);

    public static RegisterOrganisation Upm() => new("upm-mx", "Unidad de Política Migratoria, Registro e Identidad de Personas", "UPMRIP",
        ["Migration Policy Unit"], null, OrganisationType.Government);

    /// <summary>Posts <paramref name="body"/> as JSON and checks the status code.</summary>
    public static Task<IScenarioResult> PostJsonAsync(this IAlbaHost host, string url, object body, int status) =>
        host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.StatusCodeShouldBe(status);
        });

    /// <summary>Registers through the API (201) and answers the new stream's id.</summary>
    public static async Task<Guid> CreateAsync(this IAlbaHost host, string url, object command)
    {
        var result = await host.PostJsonAsync(url, command, 201);
        return (await result.ReadAsJsonAsync<CreationResponse<Guid>>())!.Value;
    }

    /// <summary>The fields a 400 names under <c>errors</c>, in order.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(this IScenarioResult result)
    {
        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        return problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
    }

    /// <summary>The ProblemDetails body of an error answer.</summary>
    public static async Task<JsonElement> ProblemAsync(this IScenarioResult result)
    {
        Assert.Equal("application/problem+json", result.Context.Response.ContentType);
        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        return problem.RootElement.Clone();
    }

    /// <summary>The data of every event in stream <paramref name="id"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<object>> EventsOfAsync(this AppFixture app, Guid id)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
    }

    /// <summary>Same events, same order, same values (lists compared by content, which record equality does not do).</summary>
    public static void ShouldBe(this IReadOnlyList<object> events, params object[] expected)
    {
        Assert.Equal(expected.Select(e => e.GetType().Name), events.Select(e => e.GetType().Name));
        foreach (var (want, got) in expected.Zip(events))
            Assert.Equivalent(want, got, strict: true);
    }

    public static async Task<T?> LoadAsync<T>(this AppFixture app, Guid id) where T : notnull
    {
        await using var session = app.Store.QuerySession();
        return await session.LoadAsync<T>(id);
    }
}
