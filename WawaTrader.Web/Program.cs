using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Configuration;
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
using WawaTrader.Web.Settings;

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
    .AddPersistence(config)
    .AddSettings(config)
    .AddSettingsProtection()
    .AddBacktestRunner(config);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapOpenApi();
app.MapHealthEndpoints()
    .MapAgentEndpoints()
    .MapPortfolioEndpoints()
    .MapReconciliationEndpoints()
    .MapDecisionEndpoints()
    .MapLlmEndpoints()
    .MapExportEndpoints()
    .MapSettingsEndpoints()
    .MapBacktestEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

try
{
    await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
    await app.Services.GetRequiredService<SettingsService>().LoadAsync(CancellationToken.None);
    await app.StartAsync();
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"WawaTrader cannot start: {StartupErrors.Describe(ex)}");
    return 1;
}
catch (DatabaseInitializationException ex)
{
    await Console.Error.WriteLineAsync($"WawaTrader cannot start: {ex.Message}");
    return 1;
}
await app.WaitForShutdownAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
