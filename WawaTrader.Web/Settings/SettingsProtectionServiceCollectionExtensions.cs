using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Web.Settings;

public static class SettingsProtectionServiceCollectionExtensions
{
    /// <summary>Name of the folder, in the data folder (beside the SQLite file), that holds the Data Protection keys.</summary>
    public const string KeysFolder = "keys";

    /// <summary>
    /// Data Protection with its keys in <c>keys/</c> in the data folder, beside the SQLite file or in the folder of <c>Database:Path</c>
    /// with PostgreSQL (so a copied data folder keeps its secrets readable)
    /// and <see cref="DataProtectionSecretProtector"/> as the <see cref="ISecretProtector"/> of the settings. The folder is
    /// resolved from <c>Database:Path</c> when first used, so configuration added late (tests, command line) is honoured.
    /// </summary>
    public static IServiceCollection AddSettingsProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("WawaTrader");
        services.AddOptions<KeyManagementOptions>().Configure<JournalDatabase, ILoggerFactory>((options, database, loggers) =>
        {
            var keys = Path.Combine(database.DataFolder, KeysFolder);
            OwnerOnlyFiles.CreateFolder(keys); // the keys decrypt the stored secrets: owner-only
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(keys), loggers);
        });
        services.TryAddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }
}
