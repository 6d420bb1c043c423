namespace WawaTrader.Core.Configuration;

/// <summary>Where the values a user set and the history of changes are kept (the <c>settings</c> and <c>settings_history</c> tables).</summary>
public interface ISettingsStore
{
    /// <summary>Every stored value, all categories.</summary>
    Task<IReadOnlyList<StoredSetting>> GetAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="values"/> (insert or update; a null value deletes the row) and appends <paramref name="history"/>,
    /// in one transaction. Returns the history rows with their ids, in the given order.
    /// </summary>
    Task<IReadOnlyList<SettingChange>> SaveAsync(
        IReadOnlyList<StoredSetting> values, IReadOnlyList<SettingChangeDraft> history, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="category"/> null means all (compared case-insensitively).</summary>
    Task<IReadOnlyList<SettingChange>> GetHistoryAsync(string? category, int limit, CancellationToken cancellationToken);

    Task<SettingChange?> GetChangeAsync(long id, CancellationToken cancellationToken);
}
