using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Web.Settings;

public static class SettingsProtectionServiceCollectionExtensions
{
    /// <summary>Name of the folder, beside the database file, that holds the Data Protection keys.</summary>
    public const string KeysFolder = "keys";

    /// <summary>
    /// Data Protection with its keys in <c>keys/</c> beside the database (so a copied data folder keeps its secrets readable)
    /// and <see cref="DataProtectionSecretProtector"/> as the <see cref="ISecretProtector"/> of the settings. The folder is
    /// resolved from <c>Database:Path</c> when first used, so configuration added late (tests, command line) is honoured.
    /// </summary>
    public static IServiceCollection AddSettingsProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("WawaTrader");
        services.AddOptions<KeyManagementOptions>().Configure<SqliteConnectionFactory, ILoggerFactory>((options, database, loggers) =>
        {
            var keys = KeysPath(database.DatabasePath);
            OwnerOnlyFiles.CreateFolder(keys); // the keys decrypt the stored secrets: owner-only
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(keys), loggers);
        });
        services.TryAddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }

    /// <summary>The keys folder for the database file at <paramref name="databasePath"/>.</summary>
    public static string KeysPath(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath)) ?? ".", KeysFolder);
}
