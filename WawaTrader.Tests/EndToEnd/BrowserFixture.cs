using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WawaTrader.Tests.Web;

namespace WawaTrader.Tests.EndToEnd;

/// <summary>
/// The real app on a random loopback port (Kestrel) and Debian's Chromium driven by Playwright (no browser download).
/// Screenshots go to <c>TestResults/screenshots</c> under the test output folder.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public WawaTraderAppFactory App { get; } = new(new Dictionary<string, string?> { ["Trading:IntervalSeconds"] = "0.5" });

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal) || a.StartsWith("http://", StringComparison.Ordinal)));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public Task<IPage> OpenAsync(string path) => OpenAsync(path, 1440, 1000);

    /// <summary>Opens <paramref name="path"/> in a new page of <paramref name="width"/> × <paramref name="height"/> CSS pixels, the
    /// browser in <paramref name="timeZone"/> (IANA) when given, and waits until its circuit is live.</summary>
    public async Task<IPage> OpenAsync(string path, int width, int height, string? timeZone = null)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, TimezoneId = timeZone });
        await page.GotoAsync(new Uri(BaseAddress, path).ToString());
        // A prerendered page ignores clicks until its circuit is live; the page renders this marker once it is.
        await page.Locator("[data-testid=circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
