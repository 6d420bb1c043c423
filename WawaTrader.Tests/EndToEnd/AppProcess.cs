using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace WawaTrader.Tests.EndToEnd;

/// <summary>
/// The built app (WawaTrader.Web.dll) as a separate process on a free loopback port, in a working folder of the test's, with
/// command-line settings; what it writes to standard error is kept (<see cref="Errors"/>). Disposing kills it if it still runs.
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _errors = new();

    private AppProcess(Process process, int port)
    {
        Process = process;
        Port = port;
    }

    public Process Process { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The lines the app wrote to standard error so far.</summary>
    public string Errors => string.Join(Environment.NewLine, _errors);

    public static AppProcess Start(string folder, IEnumerable<string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WawaTrader.Web.dll"));
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var setting in settings) start.ArgumentList.Add(setting);
        start.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        var app = new AppProcess(Process.Start(start)!, port);
        app.Process.OutputDataReceived += (_, _) => { };
        app.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app._errors.Enqueue(e.Data); };
        app.Process.BeginOutputReadLine();
        app.Process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits until GET /api/agent answers Running (at most 60 s); throws when the app exits first.</summary>
    public async Task WaitUntilTradingAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        for (var i = 0; i < 600; i++)
        {
            if (Process.HasExited) throw new InvalidOperationException($"The app exited with {Process.ExitCode} instead of starting: {Errors}");
            try
            {
                var agent = await http.GetFromJsonAsync<JsonElement>($"{BaseUrl}/api/agent");
                if (agent.GetProperty("state").GetString() == "Running") return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(100);
        }
        throw new TimeoutException("The app did not start trading within 60 s.");
    }

    /// <summary>Waits for the app to exit by itself (at most 60 s) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Process.WaitForExitAsync(timeout.Token);
        return Process.ExitCode;
    }

    /// <summary>SIGTERM, as a service manager stops it: the host shuts down gracefully.</summary>
    public async Task StopGracefullyAsync()
    {
        using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Process.WaitForExitAsync(timeout.Token);
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
