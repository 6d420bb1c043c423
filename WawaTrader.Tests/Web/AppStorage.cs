using Microsoft.Data.Sqlite;
using Npgsql;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web;

/// <summary>
/// A data folder and (on <see cref="TestProvider.Postgres"/>) a database that outlive the apps booted on them, for the tests that
/// stop the app and start it again on the same data. The first app's start-up migration creates the PostgreSQL database; disposing
/// drops it and deletes the folder.
/// </summary>
public sealed class AppStorage(TestProvider provider) : IAsyncDisposable
{
    public TestProvider Provider { get; } = provider;

    public string Folder { get; } = Directory.CreateTempSubdirectory("wawatrader-restart-").FullName;

    /// <summary>The PostgreSQL database's connection string; null on SQLite.</summary>
    public string? ConnectionString { get; } = provider == TestProvider.Postgres ? TestPostgres.NewDatabaseConnectionString() : null;

    /// <summary>An app on this folder and database, with <paramref name="settings"/>.</summary>
    public WawaTraderAppFactory App(IDictionary<string, string?>? settings = null) => new(settings, Folder, Provider, ConnectionString);

    /// <summary>Runs one SQL statement on a connection of its own, as a person editing the database by hand between two runs.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using System.Data.Common.DbConnection connection = ConnectionString is null
            ? new SqliteConnection($"Data Source={Path.Combine(Folder, "wawatrader.db")}")
            : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        await connection.CloseAsync();
        SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (ConnectionString is not null) await TestPostgres.DropDatabaseAsync(ConnectionString);
        Directory.Delete(Folder, recursive: true);
    }
}
