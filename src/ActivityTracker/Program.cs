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
app.UseCultures();
app.UseHardening();
app.MapServiceDefaults();
app.MapAccess();
app.MapApi();
app.MapUserInterface();

// The JasperFx command line: `run` (default), help, codegen, db-apply, projections, seed, ...
return await app.RunJasperFxCommands(args);

/// <summary>Entry point; public so the tests can host the app.</summary>
public partial class Program;
