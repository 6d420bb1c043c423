using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Web.Api;

/// <summary>Runs the real executable (as a user would) with one bad setting, or on a port in use, and reads what it says.</summary>
[Trait("Category", "Slow")]
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Risk:MaxPositionPct", "500", "Risk:MaxPositionPct is 500; it must be between 0.1 and 100.")]
    [InlineData("Risk:MaxPositionPct", "abc", "Risk:MaxPositionPct is 'abc'; it must be a number.")]
    [InlineData("Risk:MaxDailyLossPct", "20", "Risk:MaxDailyLossPct (20) must be below Risk:MaxPositionPct (10).")]
    [InlineData("Trading:Market", "Moon", "Trading:Market is 'Moon'; it must be one of Simulated, Csv, Alpaca.")]
    [InlineData("Paper:InitialCash", "-5", "Paper:InitialCash is -5; it must be between 1 and 1000000000000.")]
    [InlineData("Simulation:BarSeconds", "0", "Simulation:BarSeconds is 0; it must be between 0.01 and 3600.")]
    [InlineData("Llm:Resilience:RetryBaseDelay", "00:10:00", "Llm:Resilience:RetryBaseDelay is 00:10:00; it must be between 00:00:00 and 00:01:00.")]
    [InlineData("Alpaca:Feed", "premium", "Alpaca:Feed is 'premium'; use one of iex, sip.")]
    [InlineData("Trading:Broker", "Alpaca", "Trading:Broker is Alpaca but the Alpaca keys are not set: set the environment variables APCA_API_KEY_ID and APCA_API_SECRET_KEY (or Alpaca__KeyId and Alpaca__SecretKey) to your Alpaca API key id and secret.")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider is 'Oracle'; it must be Sqlite or Postgres.")]
    [InlineData("Database:Provider", "Postgres", "Database:Provider is Postgres but ConnectionStrings:WawaTrader (or WAWATRADER_DB_CONNECTION) is empty.")]
    [InlineData("Agent:Name", "two words", "Agent:Name is 'two words'; it must be 1 to 32 letters, digits, '-' or '_' (and not 'all').")]
    [InlineData("Agent:Name", "all", "Agent:Name is 'all'; it must be 1 to 32 letters, digits, '-' or '_' (and not 'all').")]
    [InlineData("Agent:Name", "a-name-that-is-far-too-long-for-a-lease", "Agent:Name is 'a-name-that-is-far-too-long-for-a-lease'; it must be 1 to 32 letters, digits, '-' or '_' (and not 'all').")]
    [InlineData("Agent:LeaseTimeout", "00:00:15", "Agent:LeaseTimeout is 00:00:15; it must be at least twice Agent:HeartbeatInterval (00:00:10).")]
    [InlineData("Agent:HeartbeatInterval", "00:00:00", "Agent:HeartbeatInterval is 00:00:00; it must be between 00:00:01 and 00:10:00.")]
    public async Task App_refuses_to_start_on_invalid_configuration_with_one_sentence_naming_the_key_value_and_range(string key, string value, string sentence)
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-badconfig-").FullName;
        try
        {
            var (exitCode, _, stderr) = await RunAppAsync(folder, $"--{key}={value}", $"--Database:Path={Path.Combine(folder, "w.db")}",
                "--Trading:StartOnLaunch=false", "--urls=http://127.0.0.1:0");

            Assert.Equal(1, exitCode);
            Assert.Equal($"WawaTrader cannot start: {sentence}", stderr.TrimEnd());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task App_listening_beyond_loopback_without_an_access_token_refuses_to_start_naming_the_variable()
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-notoken-").FullName;
        try
        {
            var (exitCode, _, stderr) = await RunAppAsync(folder, "--urls=http://0.0.0.0:0", $"--Database:Path={Path.Combine(folder, "w.db")}",
                "--Trading:StartOnLaunch=false");

            Assert.Equal(1, exitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("WawaTrader cannot start: WawaTrader would listen on http://0.0.0.0:0", line);
            Assert.Contains("WAWATRADER_ACCESS_TOKEN", line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task App_on_a_port_in_use_exits_1_with_one_line_before_touching_the_database_the_agent_or_the_model()
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-portinuse-").FullName;
        await using var model = await FakeOpenAiServer.StartAsync();
        var held = new TcpListener(IPAddress.Loopback, 0);
        held.Start();
        try
        {
            var port = ((IPEndPoint)held.LocalEndpoint).Port;
            var database = Path.Combine(folder, "w.db");

            var (exitCode, stdout, stderr) = await RunAppAsync(folder, $"--urls=http://127.0.0.1:{port}", $"--Database:Path={database}",
                "--Trading:StartOnLaunch=true", "--Trading:IntervalSeconds=0.1", "--Llm:Enabled=true", $"--Llm:Endpoint={model.BaseUrl}",
                "--Llm:Model=" + FakeOpenAiServer.ModelId);

            Assert.Equal(1, exitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var match = Regex.Match(line.TrimEnd('\r'), $@"^Port {port} is in use: pass --urls http://127\.0\.0\.1:(\d+)$");
            Assert.True(match.Success, line);
            Assert.NotEqual(port.ToString(CultureInfo.InvariantCulture), match.Groups[1].Value);
            Assert.Equal("", stdout);
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder)); // no database, no data folder, no keys
            Assert.Empty(model.Requests);
        }
        finally
        {
            held.Stop();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAppAsync(string workingDirectory, params string[] args) =>
        RunAppAsync(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>The app (or one of its verbs) as a process of its own in <paramref name="workingDirectory"/>, with
    /// <paramref name="environment"/> added to its environment; it must exit within a minute.</summary>
    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunAppAsync(string workingDirectory,
        IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "WawaTrader.Web.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(app);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app did not exit; it should refuse to start.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
