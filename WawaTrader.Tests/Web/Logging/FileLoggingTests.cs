using System.Net.Http.Json;

namespace WawaTrader.Tests.Web.Logging;

public sealed class FileLoggingTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_log_file_rolls_at_its_size_limit_and_keeps_at_most_the_configured_number_of_files()
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-logs-").FullName;
        try
        {
            var path = Path.Combine(folder, "wawatrader.log");
            await using (var app = new WawaTraderAppFactory(new Dictionary<string, string?>
            {
                ["Logging:File:Path"] = path,
                ["Logging:File:MaxBytes"] = "2048",
                ["Logging:File:MaxFiles"] = "3",
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information", // a line or two per request: something to fill the files
            }))
            {
                using var client = app.CreateClient();
                for (var i = 0; i < 200 && Directory.GetFiles(folder).Length < 4 && TotalWritten(folder) < 20_000; i++)
                {
                    await client.GetAsync("/api/agent");
                }
            }

            var files = Directory.GetFiles(folder);
            Assert.InRange(files.Length, 2, 3);
            // A file rolls once a line takes it past the limit: at most the limit plus that one line.
            Assert.All(files, f => Assert.True(new FileInfo(f).Length <= 2048 + 2048, $"{f} has {new FileInfo(f).Length} bytes"));
            Assert.Contains(files, f => File.ReadAllText(f).Contains("[INF]", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long TotalWritten(string folder) => Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
}
