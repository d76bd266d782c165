global using ActivityTracker.Tests.Infrastructure;
global using Microsoft.Extensions.DependencyInjection;
