using System.Diagnostics;

namespace WawaTrader.Tests.Web.Api;

/// <summary>Runs the real executable (as a user would) with one bad setting and reads what it says.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Risk:MaxPositionPct", "500", "MaxPositionPct")]
    [InlineData("Risk:MaxDailyLossPct", "20", "Risk:MaxDailyLossPct")]
    [InlineData("Trading:Market", "Moon", "Trading:Market")]
    [InlineData("Paper:InitialCash", "-5", "InitialCash")]
    [InlineData("Simulation:BarSeconds", "0", "BarSeconds")]
    [InlineData("Alpaca:Feed", "premium", "Alpaca:Feed")]
    [InlineData("Trading:Broker", "Alpaca", "APCA_API_KEY_ID")]
    public async Task App_refuses_to_start_on_invalid_configuration_naming_the_key(string key, string value, string named)
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-badconfig-").FullName;
        try
        {
            var (exitCode, stderr) = await RunAppAsync(folder, $"--{key}={value}", $"--Database:Path={Path.Combine(folder, "w.db")}",
                "--Trading:StartOnLaunch=false", "--urls=http://127.0.0.1:0");

            Assert.Equal(1, exitCode);
            Assert.Contains("cannot start", stderr);
            Assert.Contains(named, stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Stderr)> RunAppAsync(string workingDirectory, params string[] args)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "WawaTrader.Web.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(app);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app did not exit on invalid configuration; it should refuse to start.");
        }
        return (process.ExitCode, await stderr);
    }
}
