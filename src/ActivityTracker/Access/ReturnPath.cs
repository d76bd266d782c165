namespace ActivityTracker.Access;

/// <summary>
/// Where to send a user back after signing in or switching language: a path on this site, never
/// another one. Browsers read <c>//host</c> and <c>/\host</c> as another site, so a plain
/// "starts with '/'" check is an open redirect (the rule of ASP.NET Core's <c>IsLocalUrl</c>).
/// </summary>
public static class ReturnPath
{
    public static string LocalOrHome(string? path) => IsLocal(path) ? path! : "/";

    public static bool IsLocal(string? path) =>
        path is { Length: > 0 } && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl);
}
