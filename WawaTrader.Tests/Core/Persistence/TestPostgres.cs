using Npgsql;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>
/// The throwaway PostgreSQL server the tests create their databases on: its superuser connection string is
/// <see cref="Variable"/> (./test.sh starts a cluster and sets it). Without it a PostgreSQL test fails with a message saying
/// how to get one, under CI and locally alike (the fast set, <c>Category!=Slow</c>, has none).
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "WAWATRADER_TEST_POSTGRES";

    /// <summary>The server's connection string; throws when none is configured.</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"No PostgreSQL server for the tests: {Variable} is not set" +
                (Environment.GetEnvironmentVariable("CI") == "true" ? " under CI (./test.sh starts one and sets it)." :
                    ". Run ./test.sh (it starts a throwaway cluster), set it to a superuser connection string, or leave these out with --filter \"Category!=Slow\"."));

    /// <summary>The connection string of a database with a fresh name, not created yet (the app's start-up migration creates it).</summary>
    public static string NewDatabaseConnectionString() =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = "wt_" + Guid.NewGuid().ToString("N") }.ConnectionString;

    /// <summary>Creates an empty database with a fresh name; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        var name = "wt_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        admin.Database = name;
        return admin.ConnectionString;
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing the connections still open on it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {target.Database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
