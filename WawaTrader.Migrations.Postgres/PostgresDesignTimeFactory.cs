using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Migrations.Postgres;

/// <summary>
/// Lets <c>dotnet ef</c>, started with this project as both target and start-up project, build a <see cref="TradingDbContext"/> on
/// Npgsql whose migrations are this assembly's. No server is contacted to add a migration. Not used at run time
/// (<see cref="PostgresDatabase"/> configures the app's contexts).
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<TradingDbContext>
{
    public TradingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TradingDbContext>()
            .UseNpgsql("Host=localhost;Database=wawatrader", o => o.MigrationsAssembly(PostgresDatabase.MigrationsAssembly))
            .Options);
}
