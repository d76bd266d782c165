using System.Globalization;
using System.Threading.RateLimiting;
using ActivityTracker.Access;
using ActivityTracker.Http;
using ActivityTracker.Localization;

namespace ActivityTracker.Hosting;

/// <summary>
/// Protections every deployment gets: rate limits on sign-in (guessing passwords) and on
/// writes (a runaway client), 429 with <c>Retry-After</c>; a request body limit (413);
/// security headers on every response.
/// </summary>
public static class Hardening
{
    static readonly PathString ImportUploads = "/api/imports";

    public static WebApplicationBuilder AddHardening(this WebApplicationBuilder builder)
    {
        // Read when the host is built, so tests and deployments can set them.
        builder.Services.AddOptions<LimitOptions>().BindConfiguration("Limits");
        builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LimitOptions>>().Value);
        builder.WebHost.ConfigureKestrel((context, k) =>
            k.Limits.MaxRequestBodySize = context.Configuration.GetSection("Limits").Get<LimitOptions>()?.MaxRequestBodyBytes ?? new LimitOptions().MaxRequestBodyBytes);

        // Forms (the UI) carry an antiforgery token; any other change made with the cookie proves its origin (UseSameOriginWrites).
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "ActivityTracker.Antiforgery");

        builder.Services.AddRateLimiter(o =>
        {
            // Attempts are posts (the API's and the sign-in page's form share one count per address); showing the page is free.
            o.AddPolicy(AccessConfiguration.SignInPolicy, context => IsRead(context.Request)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => PerMinute(context.RequestServices.GetRequiredService<LimitOptions>().SignInsPerMinute)));
            // Reads are free, sign-in has its own policy, and the UI's circuit traffic (/_blazor) is
            // not a write; writes count per signed-in user (per address before sign-in).
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsRead(context.Request) || context.Request.Path.StartsWithSegments("/api/auth") || context.Request.Path.StartsWithSegments("/_blazor")
                    ? RateLimitPartition.GetNoLimiter("reads")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "local",
                        _ => PerMinute(context.RequestServices.GetRequiredService<LimitOptions>().WritesPerMinute)));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: Messages.Text("Problem_TooManyRequests"),
                    detail: Messages.Text("Problem_TryAgainIn", Math.Ceiling(retryAfter.TotalSeconds))).ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    /// <summary>
    /// CSRF, also from another port or subdomain of the same site (which SameSite=Lax lets the cookie through):
    /// a change (anything but GET, HEAD, OPTIONS, TRACE) authenticated by the cookie must come from this origin:
    /// an <c>Origin</c> equal to the request's own scheme, host and port, or <c>Sec-Fetch-Site: same-origin</c>,
    /// or a valid antiforgery token (the UI's forms). Otherwise 403, before anything is read or stored.
    /// Bearer-token calls carry no ambient credential and are not checked.
    /// </summary>
    public static IApplicationBuilder UseSameOriginWrites(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (context.User.Identity?.IsAuthenticated != true || Access.AccessConfiguration.UsesBearer(request)
            || IsRead(request) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            await next(context);
            return;
        }
        var own = $"{request.Scheme}://{request.Host}";
        var origin = request.Headers.Origin.ToString();
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || request.Headers["Sec-Fetch-Site"] == "same-origin"
            || await context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(context))
        {
            await next(context);
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: Messages.Text("Problem_CrossOrigin"),
            detail: Messages.Text("Problem_CrossOriginDetail", origin.Length > 0 ? origin : "-", own)).ExecuteAsync(context);
    });

    static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    public static WebApplication UseHardening(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<LimitOptions>();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
                                            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
            // Kestrel refuses an oversized body as it streams in; a declared length is refused up front, with a clear answer.
            // An import's upload is a file, allowed to be larger (multipart framing included).
            var maxBytes = HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(ImportUploads)
                ? limits.MaxImportBytes + 64 * 1024 : limits.MaxRequestBodyBytes;
            if (context.Request.ContentLength > maxBytes)
            {
                await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: Messages.Text("Problem_BodyTooLarge"),
                    detail: Messages.Text("Problem_BodyLimit", maxBytes)).ExecuteAsync(context);
                return;
            }
            if (maxBytes != limits.MaxRequestBodyBytes && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = maxBytes;
            await next(context);
        });
        return app;
    }
}
