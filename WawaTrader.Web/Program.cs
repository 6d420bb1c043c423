using Microsoft.Extensions.Options;
using MudBlazor.Services;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Alerts;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Core.FirstRun;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Web;
using WawaTrader.Web.Api;
using WawaTrader.Web.Backtesting;
using WawaTrader.Web.Cli;
using WawaTrader.Web.Components;
using WawaTrader.Web.Logging;
using WawaTrader.Web.Observability;
using WawaTrader.Web.Security;
using WawaTrader.Web.Settings;

// Before any thread of the host exists: two C-allocator arenas instead of up to eight per core (see GlibcMalloc for the soak's figures).
GlibcMalloc.LimitArenas();

if (CliApp.IsVerb(args)) return await CliApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

// The content root is the build output (appsettings.json, static asset manifests); the working directory stays the user's.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseStaticWebAssets();

var config = builder.Configuration;
// Values saved from the settings page/API override appsettings.json; environment variables and the command line still override them.
config.AddSettingsStore();
builder.Services
    .AddMarket(config)
    .AddAlpacaMarketData(config)
    .AddIndicators()
    .AddAnalysis(config)
    .AddRisk(config)
    .AddBrokers(config)
    .AddTrading(config)
    .AddPersistence(config) // as the agent Agent:Name, with its lease
    .AddAlerts(config) // after brokers and persistence: it watches both for failures
    .AddSettings(config)
    .AddSettingsProtection()
    .AddSecurity(config)
    .AddRollingFileLog(config)
    .AddBacktestRunner(config)
    .AddFirstRun() // the dashboard's first-run tour
    .AddDiagnostics() // metrics (Meter "WawaTrader") and the health checks
    .AddObservability(config); // OpenTelemetry: Prometheus at /metrics, OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddApiJson();
builder.Services.AddAgentViews(); // ?agent= on the list endpoints, the dashboard's agent picker
ListenSockets.AddTo(builder.Services);

var app = builder.Build();

// The port first: when it is taken nothing else happens (no migration, no ledger, no agent, no model call).
if (ListenSockets.Bind(app) is { } portProblem)
{
    await Console.Error.WriteLineAsync(portProblem);
    return 1;
}
if (StartupErrors.ValidateUnstored(app.Services) is { Count: > 0 } unstoredProblems)
{
    await Console.Error.WriteLineAsync(StartupErrors.Format(unstoredProblems));
    return 1;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurity(); // access token off loopback, body size limit, no state change from a foreign page
app.UseAntiforgery();
app.MapStaticAssets();
app.MapOpenApi();
app.MapHealthEndpoints()
    .MapMetricsEndpoint()
    .MapAgentEndpoints()
    .MapPortfolioEndpoints()
    .MapReconciliationEndpoints()
    .MapDecisionEndpoints()
    .MapLlmEndpoints()
    .MapExportEndpoints()
    .MapSettingsEndpoints()
    .MapBacktestEndpoints()
    .MapAlertEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

try
{
    await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
    // Before anything trades: a second process of the same agent stops here (AgentLeaseRefusedException).
    await app.Services.GetRequiredService<EfAgentLease>().AcquireAsync(CancellationToken.None);
    await app.Services.GetRequiredService<SettingsService>().LoadAsync(CancellationToken.None);
    // Before the agent's first decision: whether this database starts empty (and so gets the first-run tour) is judged now.
    await app.Services.GetRequiredService<IFirstRunStore>().GetAsync(CancellationToken.None);
    // Validated here rather than inside StartAsync, so a bad setting is our sentence alone, not also the host's "Hosting failed to start" trace.
    app.Services.GetService<IStartupValidator>()?.Validate();
    await app.StartAsync();
}
catch (Exception ex) when (StartupErrors.Describe(app.Services, ex) is { Count: > 0 } problems)
{
    await Console.Error.WriteLineAsync(StartupErrors.Format(problems));
    await app.Services.GetRequiredService<EfAgentLease>().ReleaseAsync(CancellationToken.None);
    return 1;
}
catch (Exception ex) when (ex is DatabaseInitializationException or AgentLeaseRefusedException)
{
    await Console.Error.WriteLineAsync($"WawaTrader cannot start: {ex.Message}");
    return 1;
}
await app.WaitForShutdownAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
