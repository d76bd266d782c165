using System.Text.Json;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Localization;

// The titles and details of 4xx answers follow the request's language, as the field messages do.
public class ProblemLanguageTests(AppFixture app) : ActivityTest(app)
{
    async Task<JsonElement> ProblemAsync(string? language, Action<Scenario> request, int status)
    {
        var result = await Host.Scenario(s =>
        {
            if (language is not null)
                s.WithRequestHeader("Accept-Language", language);
            request(s);
            s.StatusCodeShouldBe(status);
        });
        return await result.ProblemAsync();
    }

    static string Title(JsonElement problem) => problem.GetProperty("title").GetString()!;

    [Fact]
    public async Task a_spanish_request_gets_spanish_problem_titles_and_details()
    {
        var (id, v) = await Host.RecordAsync(PlannedMeeting());
        await Host.Scenario(s => s.Post.Json(new { version = v, text = "Primera" }).ToUrl(ActivitySteps.Url(id, "notes")));

        var stale = await ProblemAsync("es", s => s.Post.Json(new { version = v, text = "Segunda" }).ToUrl(ActivitySteps.Url(id, "notes")), 409);
        Assert.Equal("La actividad cambió desde que se leyó", Title(stale));
        Assert.Equal($"Envió la versión {v}; ahora está en la versión {v + 1}. Vuelva a cargar, revise los cambios e intente de nuevo.",
            stale.GetProperty("detail").GetString());

        // Refused before any endpoint runs: the language is known by then too.
        var tooLarge = await ProblemAsync("es", s => s.Post.ByteArray(new byte[2 * 1024 * 1024]).ToUrl("/api/activities"), 413);
        Assert.Equal("El cuerpo de la solicitud es demasiado grande", Title(tooLarge));

        var noVersion = await ProblemAsync("es", s => s.Post.Json(new { text = "Sin versión" }).ToUrl(ActivitySteps.Url(id, "notes")), 400);
        Assert.Equal("No se modificó la actividad: algunos campos no son válidos", Title(noVersion));
        Assert.Equal("Corrija los campos que se indican en 'errors' y envíe la solicitud de nuevo.", noVersion.GetProperty("detail").GetString());
        Assert.StartsWith("Falta la versión que leyó por última vez", noVersion.GetProperty("errors").GetProperty("version")[0].GetString());

        var missing = await ProblemAsync("es", s => s.Get.Url(ActivitySteps.Url(Guid.CreateVersion7())), 404);
        Assert.Equal("No se encontró la actividad", Title(missing));
        Assert.Equal("No se encontró el programa", Title(await ProblemAsync("es", s => s.Get.Url("/api/programmes/NOPE"), 404)));
        Assert.Equal("Los filtros del tablero no son válidos", Title(await ProblemAsync("es", s => s.Get.Url("/api/dashboards/countries?country=XX"), 400)));
    }

    [Theory]
    [InlineData("en", "Your role does not allow this", "This needs one of these roles: Administrator. Your account has: Officer.")]
    [InlineData("es", "Su rol no permite esta acción", "Se necesita uno de estos roles: Administrador. Su cuenta tiene: Oficial.")]
    public async Task a_role_refusal_names_the_roles_needed_and_held(string language, string title, string detail)
    {
        await App.ActAsAsync(ActivityTracker.Access.DemoUsers.OfficerMexico);
        var refused = await ProblemAsync(language, s => s.Post.Json(new { code = "new-partner", name = "New partner", type = "NationalNgo" }).ToUrl("/api/organisations"), 403);
        Assert.Equal(title, Title(refused));
        Assert.StartsWith(detail, refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task an_english_request_keeps_the_english_titles()
    {
        var (id, v) = await Host.RecordAsync(PlannedMeeting());
        await Host.Scenario(s => s.Post.Json(new { version = v, text = "First" }).ToUrl(ActivitySteps.Url(id, "notes")));

        var stale = await ProblemAsync("en", s => s.Post.Json(new { version = v, text = "Second" }).ToUrl(ActivitySteps.Url(id, "notes")), 409);
        Assert.Equal("The activity has changed since you read it", Title(stale));
        Assert.Equal("No such activity", Title(await ProblemAsync(null, s => s.Get.Url(ActivitySteps.Url(Guid.CreateVersion7())), 404)));
        Assert.Equal("Programme not found", Title(await ProblemAsync("en", s => s.Get.Url("/api/programmes/NOPE"), 404)));
    }
}
