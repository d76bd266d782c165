using System.Diagnostics;
using System.Net;
using ActivityTracker.Exchange;
using ActivityTracker.Hosting;
using ActivityTracker.Projections;
using ActivityTracker.Tests.Exchange;
using Alba;
using Microsoft.AspNetCore.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Hosting;

public class TelemetryTests(AppFixture app) : ActivityTest(app)
{
    Task<IAlbaHost> StartHostAsync(Action<IWebHostBuilder> configure) => AlbaHost.For<Program>(b =>
    {
        b.UseSetting(ProductionSettings.ConnectionStringKey, App.ConnectionString);
        configure(b);
    });

    static async Task<string> SignInAsync(IAlbaHost host)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { email = TestUsers.Officer.Email, password = TestUsers.Password }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<Dictionary<string, object>>())!["accessToken"].ToString()!;
    }

    static Task RecordAsync(IAlbaHost host, string token) => host.Scenario(s =>
    {
        s.Post.Json(TijuanaJobFair()).ToUrl("/api/activities");
        s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.StatusCodeShouldBe(201);
    });

    [Fact]
    public async Task a_request_is_traced_through_asp_net_core_marten_npgsql_and_into_wolverine_s_queue_and_measured()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var host = await StartHostAsync(b => b.ConfigureServices(s =>
        {
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        }));

        var token = await SignInAsync(host);
        host.BeforeEach(c => c.Request.Headers.Authorization = $"Bearer {token}");
        await RecordAsync(host, token);
        // An import's job runs later on Wolverine's durable queue, in the trace of the upload that queued it.
        var import = await host.ImportAsync("empty.csv", ImportScenarios.CsvOf(ActivityColumns.Required));
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Activity[] captured;
        lock (spans)
            captured = spans.ToArray();
        Activity Request(string route) => captured.Single(a => a.Source.Name == "Microsoft.AspNetCore"
            && Equals(a.GetTagItem("http.route"), route) && Equals(a.GetTagItem("http.request.method"), "POST"));
        HashSet<string> SourcesIn(Activity request) => captured.Where(a => a.TraceId == request.TraceId).Select(a => a.Source.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "Microsoft.AspNetCore", "Npgsql", "Marten" }, SourcesIn(Request("/api/activities")));
        var upload = Request("/api/imports");
        Assert.Contains("Wolverine", SourcesIn(upload));
        Assert.True(import.IsFinished);
        var meters = metrics.Select(m => m.MeterName).ToHashSet();
        Assert.Contains("Microsoft.AspNetCore.Hosting", meters);
        Assert.Contains("Npgsql", meters);
        Assert.Contains("Marten", meters);
        Assert.Contains(meters, m => m.StartsWith("Wolverine", StringComparison.Ordinal));
        Assert.Contains(ProjectionLagMetrics.MeterName, meters);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task traces_leave_the_process_over_otlp_only_when_the_endpoint_variable_is_set(bool endpointSet)
    {
        using var collector = new OtlpCollector();
        await using var host = await StartHostAsync(b =>
        {
            b.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            // Unset, the traces' own endpoint points at the collector too: an exporter registered regardless would send there.
            b.UseSetting(endpointSet ? Telemetry.OtlpEndpointVariable : "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                endpointSet ? collector.Address : collector.Address + "v1/traces");
        });

        await RecordAsync(host, await SignInAsync(host));
        host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);

        if (endpointSet)
            Assert.Contains("POST /v1/traces", collector.Received);
        else
            Assert.Empty(collector.Received);
    }

    /// <summary>Answers every OTLP/HTTP export with 200 and notes what was sent where.</summary>
    sealed class OtlpCollector : IDisposable
    {
        readonly HttpListener _listener = new();
        readonly List<string> _received = [];

        public string Address { get; }

        public OtlpCollector()
        {
            Address = $"http://127.0.0.1:{FreePort()}/";
            _listener.Prefixes.Add(Address);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); }
                    catch (Exception) { return; }
                    lock (_received)
                        _received.Add($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}");
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
            });
        }

        public IReadOnlyList<string> Received
        {
            get { lock (_received) return _received.ToList(); }
        }

        static int FreePort()
        {
            using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        public void Dispose() => _listener.Close();
    }
}
