using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// The journal on a PostgreSQL server, from <see cref="DatabaseOptions.ConnectionString"/>. Its migrations are the
/// <see cref="MigrationsAssembly"/>'s; migrating creates the database when the user may. The local files (fallback journal, keys)
/// stay in the folder of <see cref="DatabaseOptions.Path"/>. The connection string holds the password: <see cref="Location"/> and
/// every message name the server without it.
/// </summary>
public sealed class PostgresDatabase : JournalDatabase
{
    /// <summary>The assembly that holds the PostgreSQL migrations of <see cref="TradingDbContext"/>.</summary>
    public const string MigrationsAssembly = "WawaTrader.Migrations.Postgres";

    private readonly string _connectionString;

    public PostgresDatabase(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(DatabaseOptions.SectionName, typeof(DatabaseOptions), [MissingConnection]);
        }
        var builder = Parse(options.ConnectionString) ?? throw new Microsoft.Extensions.Options.OptionsValidationException(
            DatabaseOptions.SectionName, typeof(DatabaseOptions), [InvalidConnection]);
        _connectionString = builder.ConnectionString;
        Location = Describe(builder);
        DataFolder = Path.GetDirectoryName(Path.GetFullPath(options.Path)) ?? Directory.GetCurrentDirectory();
    }

    internal const string MissingConnection =
        $"Database:Provider is Postgres but ConnectionStrings:{DatabaseOptions.ConnectionStringName} (or {DatabaseOptions.ConnectionVariable}) is empty.";

    internal const string InvalidConnection =
        $"ConnectionStrings:{DatabaseOptions.ConnectionStringName} (or {DatabaseOptions.ConnectionVariable}) is not a valid PostgreSQL connection string.";

    public override string Provider => DatabaseOptions.Postgres;
    public override string Location { get; }
    public override string DataFolder { get; }
    public override string DefaultFallbackJournalPath => Path.Combine(DataFolder, "wawatrader.journal.jsonl");

    public override void Configure(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseNpgsql(_connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly));
    }

    internal override Task PrepareAsync(ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            OwnerOnlyFiles.CreateFolder(DataFolder); // the fallback journal and the keys live here
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new DatabaseInitializationException(Location, $"Cannot create the data folder '{DataFolder}' readable by its owner only: {ex.Message}", ex);
        }
        return Task.CompletedTask;
    }

    internal override string DescribeFailure(Exception exception) =>
        $"The PostgreSQL database {Location} could not be opened or migrated: {exception.GetBaseException().Message} " +
        $"Check that the server runs and that ConnectionStrings:{DatabaseOptions.ConnectionStringName} (or {DatabaseOptions.ConnectionVariable}) names a user allowed to create tables there.";

    /// <summary>Whether <paramref name="connectionString"/> is a PostgreSQL connection string Npgsql accepts.</summary>
    public static bool IsValid(string connectionString) => Parse(connectionString) is not null;

    /// <summary>The server, port, database and user of a connection string (never its password), e.g. <c>wawatrader on db:5432 as trader</c>.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return $"'{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port} as {builder.Username}";
    }

    private static NpgsqlConnectionStringBuilder? Parse(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? null : builder;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
