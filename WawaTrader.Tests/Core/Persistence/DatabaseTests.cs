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

/// <summary>
/// The shared base of the API tests that run on both providers, as <see cref="DatabaseTests"/>: <see cref="App"/> boots the app on
/// <see cref="Provider"/>'s database.
/// </summary>
public abstract class AppTests(TestProvider provider)
{
    protected TestProvider Provider { get; } = provider;

    /// <summary>The app with <paramref name="settings"/>, on a database of its own of <see cref="Provider"/>.</summary>
    protected Web.WawaTraderAppFactory App(IDictionary<string, string?>? settings = null) => new(settings, null, Provider);

    /// <summary>A folder and database of <see cref="Provider"/> that several apps boot on in turn (a restart).</summary>
    protected Web.AppStorage Storage() => new(Provider);
}

/// <summary>
/// One app per test class and provider, for cases that only read or are refused and so may share it (a class fixture):
/// <c>public sealed class OnPostgres(OnPostgres.App app) : XTests(app), IClassFixture&lt;OnPostgres.App&gt;</c> with
/// <c>public sealed class App() : SharedApp(TestProvider.Postgres, settings);</c> nested in it.
/// </summary>
public abstract class SharedApp(TestProvider provider, IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    public Web.WawaTraderAppFactory App { get; } = new(settings, null, provider);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}
