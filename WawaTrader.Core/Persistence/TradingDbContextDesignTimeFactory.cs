using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// Lets <c>dotnet ef</c> build a <see cref="TradingDbContext"/> from WawaTrader.Core alone (to add migrations).
/// The PostgreSQL migrations have their own factory in WawaTrader.Migrations.Postgres. Not used at run time; the app configures the context in <see cref="PersistenceServiceCollectionExtensions"/>.
/// </summary>
public sealed class TradingDbContextDesignTimeFactory : IDesignTimeDbContextFactory<TradingDbContext>
{
    public TradingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TradingDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
