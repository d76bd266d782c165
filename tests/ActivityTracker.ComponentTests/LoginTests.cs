using ActivityTracker.Components.Account;

namespace ActivityTracker.ComponentTests;

public sealed class LoginTests : ComponentTest
{
    [Theory]
    [InlineData("en", "Email", "Password", "Sign in", "Sign in with your programme account.")]
    [InlineData("es", "Correo electrónico", "Contraseña", "Iniciar sesión", "Inicie sesión con su cuenta del programa.")]
    public void labels_the_form_in_the_user_s_language(string culture, string email, string password, string submit, string intro)
    {
        UseCulture(culture);
        NavigateTo("/account/login?returnUrl=%2Factivities");

        var cut = Render<Login>();

        Assert.Equal(email, cut.Find("label[for=email]").TextContent);
        Assert.Equal(password, cut.Find("label[for=password]").TextContent);
        Assert.Equal(submit, cut.Find("button[type=submit]").TextContent.Trim());
        Assert.Contains(intro, cut.Markup);
        Assert.Equal("email", cut.Find("input#email").GetAttribute("type"));
        Assert.Equal("password", cut.Find("input#password").GetAttribute("type"));
        Assert.Empty(cut.FindAll("[data-testid=sign-in-error]"));
        // The language links come back to this page, query included.
        Assert.Equal(
            ["culture?culture=en&redirect=%2Faccount%2Flogin%3FreturnUrl%3D%252Factivities", "culture?culture=es&redirect=%2Faccount%2Flogin%3FreturnUrl%3D%252Factivities"],
            cut.FindAll("a[href^='culture']").Select(a => a.GetAttribute("href")));
    }
}
