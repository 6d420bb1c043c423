using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>SQLite only: the file, its folders, their Unix modes and WAL are SQLite's (PostgreSQL's start-up migration, a second run and an
/// unreachable server are in <see cref="PostgresDatabaseTests"/>).</summary>
public sealed class DatabaseInitializerTests
{
    [Fact]
    public async Task Applies_all_migrations_to_an_empty_file_and_switches_it_to_WAL()
    {
        await using var database = new TempDatabase(Path.Combine("nested", "folder", "journal.db"));

        await database.Initializer.MigrateAsync(CancellationToken.None);

        Assert.True(File.Exists(database.DatabasePath));
        await using var context = database.CreateContext();
        var all = context.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await context.Database.GetAppliedMigrationsAsync());
        Assert.Equal("wal", await database.ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal(5L, await database.ScalarAsync(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('decisions','orders','fills','performance_snapshots','paper_ledger');"));
    }

    [Fact]
    public async Task The_database_its_wal_and_the_folders_it_creates_are_owner_only()
    {
        if (OperatingSystem.IsWindows()) return; // Unix modes only
        await using var database = new TempDatabase(Path.Combine("created", "journal.db"));
        Directory.CreateDirectory(database.Folder);

        await database.Initializer.MigrateAsync(CancellationToken.None);
        await database.Journal.RecordDecisionAsync(JournalData.Decision(withOrder: true), CancellationToken.None);

        Assert.Equal(OwnerOnlyFiles.OwnerFolder, File.GetUnixFileMode(Path.GetDirectoryName(database.DatabasePath)!));
        Assert.Equal(OwnerOnlyFiles.OwnerFile, File.GetUnixFileMode(database.DatabasePath));
        Assert.True(File.Exists(database.DatabasePath + "-wal"));
        Assert.Equal(OwnerOnlyFiles.OwnerFile, File.GetUnixFileMode(database.DatabasePath + "-wal"));
        Assert.Equal(OwnerOnlyFiles.OwnerFile, File.GetUnixFileMode(database.DatabasePath + "-shm"));
    }

    [Fact]
    public async Task A_world_readable_database_of_an_earlier_version_is_narrowed_to_its_owner()
    {
        if (OperatingSystem.IsWindows()) return;
        await using var database = await TempDatabase.CreateMigratedAsync();
        File.SetUnixFileMode(database.DatabasePath, OwnerOnlyFiles.OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await database.Initializer.MigrateAsync(CancellationToken.None);

        Assert.Equal(OwnerOnlyFiles.OwnerFile, File.GetUnixFileMode(database.DatabasePath));
    }

    [Fact]
    public async Task A_second_run_on_an_existing_database_changes_nothing()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var decision = JournalData.Decision(withOrder: true);
        await database.Journal.RecordDecisionAsync(decision, CancellationToken.None);
        var historyRows = await database.ScalarAsync("SELECT count(*) FROM __EFMigrationsHistory;");

        await database.Initializer.MigrateAsync(CancellationToken.None);

        Assert.Equal(historyRows, await database.ScalarAsync("SELECT count(*) FROM __EFMigrationsHistory;"));
        var reloaded = await database.Journal.GetDecisionAsync(decision.Id, CancellationToken.None);
        Assert.NotNull(reloaded?.Order);
        Assert.Equal("wal", await database.ScalarAsync("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_gives_an_error_naming_the_path()
    {
        await using var database = new TempDatabase();
        Directory.CreateDirectory(database.Folder);
        await File.WriteAllBytesAsync(database.DatabasePath, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 + 3)).ToArray());

        var error = await Assert.ThrowsAsync<DatabaseInitializationException>(
            () => database.Initializer.MigrateAsync(CancellationToken.None));

        Assert.Contains(database.DatabasePath, error.Message);
        Assert.Equal(database.DatabasePath, error.DatabasePath);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_created_gives_an_error_naming_the_path()
    {
        await using var database = new TempDatabase(Path.Combine("blocker", "journal.db"));
        Directory.CreateDirectory(database.Folder);
        await File.WriteAllTextAsync(Path.Combine(database.Folder, "blocker"), "a file where the folder should be");

        var error = await Assert.ThrowsAsync<DatabaseInitializationException>(
            () => database.Initializer.MigrateAsync(CancellationToken.None));

        Assert.Contains(database.DatabasePath, error.Message);
    }
}
