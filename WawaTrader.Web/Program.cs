using MudBlazor.Services;
using WawaTrader.Web.Components;

var builder = WebApplication.CreateBuilder(args);

// --- Blazor dashboard (MudBlazor, interactive server) ---
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
// --- end Blazor dashboard ---

var app = builder.Build();
app.MapGet("/api/health", () => Results.Ok(new { status = "Healthy" }));

// --- Blazor dashboard (MudBlazor, interactive server) ---
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
// --- end Blazor dashboard ---

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
