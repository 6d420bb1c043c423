using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>SQLite only: the SQLite file path and its connection pragmas.</summary>
public sealed class SqliteConnectionFactoryTests
{
    [Fact]
    public void A_relative_path_is_resolved_against_the_current_directory()
    {
        var factory = new SqliteConnectionFactory(Options.Create(new DatabaseOptions { Path = Path.Combine("data", "journal.db") }));

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data", "journal.db"), factory.DatabasePath);
        Assert.Contains(factory.DatabasePath, factory.ConnectionString);
    }

    [Fact]
    public async Task Connections_opened_by_EF_get_the_busy_timeout_normal_synchronous_mode_and_the_page_cache()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        await using var context = database.CreateContext();
        await context.Database.OpenConnectionAsync();
        var connection = context.Database.GetDbConnection();

        Assert.Equal((long)SqliteConnectionFactory.BusyTimeoutMilliseconds, await PragmaAsync(connection, "busy_timeout"));
        Assert.Equal(1L, await PragmaAsync(connection, "synchronous")); // 1 = NORMAL
        Assert.Equal(-(long)SqliteConnectionFactory.CacheKibibytes, await PragmaAsync(connection, "cache_size")); // negative: KiB
    }

    private static async Task<object?> PragmaAsync(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return await command.ExecuteScalarAsync();
    }
}
