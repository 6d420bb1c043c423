using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Configuration;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Stored setting {Key} ignored, the default applies: {Reason}")]
    public static partial void StoredSettingIgnored(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Settings {Category} changed ({Source}): {Fields}")]
    public static partial void SettingsChanged(ILogger logger, string category, SettingSource source, string fields);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Loaded {Count} stored setting(s), {Problems} ignored")]
    public static partial void SettingsLoaded(ILogger logger, int count, int problems);
}
