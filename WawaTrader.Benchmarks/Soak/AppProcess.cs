using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WawaTrader.Benchmarks.Soak;

/// <summary>
/// The real app (WawaTrader.Web's build output, beside this project's) as its own process on a free loopback port, on the
/// embedded defaults (simulated market, paper broker, SQLite, no model server listening) with the soak's watchlist, one bar and
/// one cycle per <see cref="SoakOptions.BarSeconds"/>, its database and log file in <see cref="Folder"/>. Console output is
/// counted, not kept.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private long _consoleBytes;

    private AppProcess(Process process, string folder, Uri baseAddress)
    {
        _process = process;
        Folder = folder;
        BaseAddress = baseAddress;
    }

    public string Folder { get; }

    public Uri BaseAddress { get; }

    public string DatabasePath => Path.Combine(Folder, "data", "wawatrader.db");

    public string LogPath => Path.Combine(Folder, "logs", "wawatrader.log");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Bytes the app wrote to its console (stdout and stderr) so far.</summary>
    public long ConsoleBytes => Interlocked.Read(ref _consoleBytes);

    public static AppProcess Start(SoakOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-soak-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(WebAssembly());
        var seconds = options.BarSeconds.ToString(CultureInfo.InvariantCulture);
        foreach (var arg in new[]
        {
            $"--urls=http://127.0.0.1:{port}", $"--Database:Path={Path.Combine(folder, "data", "wawatrader.db")}",
            $"--Logging:File:Path={Path.Combine(folder, "logs", "wawatrader.log")}",
            $"--Trading:IntervalSeconds={seconds}", $"--Simulation:BarSeconds={seconds}",
        }) start.ArgumentList.Add(arg);
        var i = 0;
        foreach (var symbol in options.Watchlist()) start.ArgumentList.Add($"--Trading:Watchlist:{i++}={symbol}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in options.Environment) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var app = new AppProcess(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Count(e.Data);
        process.ErrorDataReceived += (_, e) => app.Count(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Count(string? line)
    {
        if (line is not null) Interlocked.Add(ref _consoleBytes, line.Length + 1);
    }

    /// <summary>Waits until the agent reports Running (at most two minutes: 500 symbols load their history first).</summary>
    public async Task WaitUntilTradingAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode} instead of starting.");
            try
            {
                var agent = await http.GetStringAsync(new Uri(BaseAddress, "api/agent"), cancellationToken);
                if (agent.Contains("\"Running\"", StringComparison.Ordinal)) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException("The app did not start trading within two minutes.");
    }

    /// <summary>Resident memory of the process (VmRSS), in bytes.</summary>
    public long WorkingSet()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    /// <summary>Bytes of the database and its side files (WAL, shared memory, fallback journal) on disk.</summary>
    public long DatabaseBytes() => FolderBytes(Path.GetDirectoryName(DatabasePath)!);

    /// <summary>Bytes of the log files (the current one and any rolled).</summary>
    public long LogBytes() => FolderBytes(Path.GetDirectoryName(LogPath)!);

    private static long FolderBytes(string folder) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    /// <summary>WawaTrader.Web.dll of the same configuration, found beside this project's output (…/WawaTrader.Benchmarks/bin/Release/net10.0/).</summary>
    private static string WebAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            if (dir.Name != "WawaTrader.Benchmarks" || dir.Parent is null) continue;
            var relative = Path.GetRelativePath(dir.FullName, output.FullName);
            var web = Path.Combine(dir.Parent.FullName, "WawaTrader.Web", relative, "WawaTrader.Web.dll");
            if (File.Exists(web)) return web;
            throw new FileNotFoundException($"The app is not built: {web} is missing (build the solution first).", web);
        }
        throw new DirectoryNotFoundException($"{AppContext.BaseDirectory} is not inside WawaTrader.Benchmarks.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the app with SIGTERM (a graceful shutdown), then kills it if it is still there after 30 s; deletes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* the OS cleans the temp folder */ }
    }
}
