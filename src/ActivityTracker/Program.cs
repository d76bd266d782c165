using ActivityTracker.Access;
using ActivityTracker.Hosting;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTelemetry();
builder.AddEventStore();
builder.AddAccess();
builder.AddHardening();
builder.AddUserInterface();

var app = builder.Build();
// The pipeline, in order; the Map* calls below add endpoints only.
app.UseCultures();
app.UseHardening();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDeniedRequestLog();
app.UseAuthentication();
app.UseSessionCheck();
app.UseSameOriginWrites();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();
// After authorization: an anonymous or forbidden caller learns nothing about the body's rules.
app.UseJsonScreening();

app.MapServiceDefaults();
app.MapAccess();
app.MapApi();
app.MapUserInterface();

// The JasperFx command line: `run` (default), help, codegen, db-apply, projections, seed, ...
return await app.RunJasperFxCommands(args);

/// <summary>Entry point; public so the tests can host the app.</summary>
public partial class Program;
