using ActivityTracker.Cluster;
using ActivityTracker.Projections;
using Marten;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ActivityTracker.Hosting;

/// <summary>
/// OpenTelemetry traces, metrics and logs: ASP.NET Core, outgoing HTTP, Npgsql, Marten, Wolverine
/// and the app's own meter. They are always collected in process (tests attach an in-memory
/// exporter); they leave the process over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set, with the other standard <c>OTEL_*</c> variables (protocol, headers, service name) read by
/// the exporter itself.
/// </summary>
public static class Telemetry
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceName = "ActivityTracker";

    /// <summary>The activity sources and meters of Marten and Wolverine; Wolverine's meter is named "Wolverine:" + the service name.</summary>
    public static readonly string[] CritterStack = ["Marten", "Wolverine*"];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        // Marten emits a span per connection and counts appended events only when asked to.
        builder.Services.ConfigureMarten(o =>
        {
            o.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
            o.OpenTelemetry.TrackEventCounters();
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: ClusterOptions.From(builder.Configuration).NodeName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(CritterStack))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(CritterStack)
                .AddMeter(ProjectionLagMetrics.MeterName))
            // Log records with their structured fields and scopes (user, correlation id), next to the traces.
            .WithLogging(configureBuilder: null, configureOptions: o =>
            {
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
            });

        if (ExportsOverOtlp(builder.Configuration))
            telemetry.UseOtlpExporter();
        return builder;
    }

    public static bool ExportsOverOtlp(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
}
