using System.Text.Json.Serialization;
using ActivityTracker.Cluster;
using ActivityTracker.Dashboards.Reads;
using ActivityTracker.Http;
using ActivityTracker.Projections;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace ActivityTracker.Hosting;

/// <summary>What every deployment of the app needs around the domain: errors as ProblemDetails, JSON, health and API docs.</summary>
public static class ServiceDefaults
{
    const string ReadyTag = "ready";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        // First: outside Development, refuse development defaults before anything else starts.
        builder.Services.AddHostedService<ProductionGuard>();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            UnreadableJson.NameTheField(c.ProblemDetails, c.Exception);
            DatabaseBusy.Describe(c);
        });
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // Identity's minimal-API endpoints throw BadHttpRequestException on a body they cannot read:
        // always (not only in Development), so the exception handler below answers with the status it
        // carries (400, 413) and the field, never 500; a database that did not answer in time is 503.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector = DatabaseBusy.StatusOf);
        builder.Services.AddOpenApi();

        // Live: the process answers. Ready: it can reach its database, and the projections keep up (Degraded when not).
        builder.Services.AddHealthChecks()
            .AddNpgSql(sp => sp.GetRequiredService<IConfiguration>().PostgresConnectionString(), name: "postgres", tags: [ReadyTag])
            .AddProjectionLag(ReadyTag)
            .AddCheck<DaemonHealthCheck>(DaemonHealthCheck.Name, HealthStatus.Degraded, [ReadyTag])
            .AddDashboardReads(builder.Configuration, ReadyTag);
        return builder;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        // Health and the API's description are public; everything else needs a signed-in user.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        // Healthy and Degraded answer 200 (the API serves), Unhealthy 503; the body says which check and why.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthReportJson.WriteAsync })
            .AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("ActivityTracker API")).AllowAnonymous();
        return app;
    }
}
