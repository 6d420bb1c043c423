using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;

namespace WawaTrader.Benchmarks;

/// <summary>
/// Bytes on disk per Hold decision: the agent on the embedded defaults (simulated market, paper broker, SQLite in WAL mode, the
/// model enabled but no server answering, so the technical path) over a watchlist of N symbols, one bar per cycle on a fake clock,
/// until D decisions are recorded; then the WAL is checkpointed into the file and the file's size (with what is left of the WAL)
/// is divided by the decisions. Not a BenchmarkDotNet suite: it measures space, not time.
/// Run: <c>dotnet run -c Release --project WawaTrader.Benchmarks -- hold-bytes [symbols=500] [decisions=20000]</c>.
/// </summary>
internal static class HoldBytesMeasurement
{
    public const string Verb = "hold-bytes";

    public static async Task<int> RunAsync(string[] args)
    {
        var symbols = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        var target = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var folder = Directory.CreateTempSubdirectory("wawatrader-hold-bytes-").FullName;
        try
        {
            var path = Path.Combine(folder, "wawatrader.db");
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 14, 0, 0, TimeSpan.Zero));
            await using var services = CycleBenchmarks.Compose(path, symbols, clock); // the app's capabilities on the embedded defaults
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
            var cycle = services.GetRequiredService<TradingCycle>();
            var emptyBytes = await CheckpointedBytesAsync(path);

            var decisions = 0;
            var cycles = 0;
            while (decisions < target)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                var result = await cycle.RunOnceAsync(CancellationToken.None);
                decisions += result.Decisions;
                cycles++;
            }

            await cycle.RecordsKeptAsync(CancellationToken.None); // the last cycle's decisions, kept behind it
            var (holds, total) = await CountAsync(path);
            var bytes = await CheckpointedBytesAsync(path);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{symbols} symbols, {cycles} cycles: {total} decisions ({holds} Holds); database {bytes:N0} bytes after checkpoint (empty schema {emptyBytes:N0})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bytes per decision: {(double)(bytes - emptyBytes) / total:0.0} (whole file: {(double)bytes / total:0.0})"));
            foreach (var (table, size) in await TablesAsync(path)) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-40} {size,14:N0} bytes  {(double)size / total,8:0.0} per decision"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("WAWATRADER_KEEP") is null) Directory.Delete(folder, recursive: true); else Console.WriteLine(folder);
        }
    }

    /// <summary>Distinct tickers of 3–4 letters: AAA, AAB, ...</summary>
    internal static string Symbol(int i) =>
        string.Concat((char)('A' + i / 676 % 26), (char)('A' + i / 26 % 26), (char)('A' + i % 26));

    private static async Task<long> CheckpointedBytesAsync(string path)
    {
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }
        return new[] { path, path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
    }

    /// <summary>The stored length of each column of the journal's big tables (text and blob bytes; numbers as SQLite stores
    /// them are not counted), largest first: where the bytes go, before page and index overhead.</summary>
    private static async Task<List<(string Table, long Bytes)>> TablesAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        var sizes = new List<(string, long)>();
        foreach (var table in new[] { "decisions", "llm_interactions", "decision_texts" })
        {
            var columns = new List<string>();
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info('{table}');";
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
            }
            foreach (var column in columns)
            {
                await using var sum = connection.CreateCommand();
                sum.CommandText = $"SELECT COALESCE(SUM(CASE WHEN typeof({column}) IN ('text','blob') THEN length(CAST({column} AS BLOB)) END), 0) FROM {table};";
                sizes.Add(($"{table}.{column}", Convert.ToInt64(await sum.ExecuteScalarAsync(), CultureInfo.InvariantCulture)));
            }
        }
        return sizes.Where(s => s.Item2 > 0).OrderByDescending(s => s.Item2).ToList();
    }

    private static async Task<(long Holds, long Total)> CountAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT SUM(action = 'Hold'), COUNT(*) FROM decisions;";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
