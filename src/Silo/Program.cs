using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ContactCenter.Silo.Hosting;

// A silo on its own, for clusters where the API runs in separate processes.
var builder = Host.CreateApplicationBuilder(args);
// Before the database is touched: a bad option fails the start naming the key.
var options = builder.AddContactCenterOptions();
using var loggers = LoggerFactory.Create(l => l.AddConsole());
var (connectionString, localServer) = await DatabaseBootstrap.PrepareAsync(builder.Configuration, loggers);
builder.UseOrleans(silo => silo.AddContactCenter(connectionString, options));
if (options.Metrics && options.SiloMetricsPort is { } metricsPort) builder.Services.AddSiloMetricsEndpoint(options.SiloMetricsAddress, metricsPort);
await builder.Build().RunAsync();
if (localServer is not null) await localServer.DisposeAsync();
