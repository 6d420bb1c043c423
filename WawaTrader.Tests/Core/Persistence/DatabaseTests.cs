namespace WawaTrader.Tests.Core.Persistence;

/// <summary>The providers every persistence test runs on.</summary>
public enum TestProvider { Sqlite, Postgres }

/// <summary>
/// The shared base of the tests that run on both providers: a test class derives from it and declares its two runs as nested classes,
/// <c>public sealed class OnSqlite() : XTests(TestProvider.Sqlite);</c> and
/// <c>[Trait("Category", "Slow")] public sealed class OnPostgres() : XTests(TestProvider.Postgres);</c>. Each test makes its own
/// database with <see cref="CreateMigratedAsync"/> (a temp SQLite file, or a fresh database on the test server).
/// </summary>
public abstract class DatabaseTests(TestProvider provider)
{
    protected TestProvider Provider { get; } = provider;

    /// <summary>A new database of <see cref="Provider"/> with all migrations applied.</summary>
    private protected Task<TempDatabase> CreateMigratedAsync() => TempDatabase.CreateMigratedAsync(Provider);
}
