namespace WawaTrader.Tests;

/// <summary>Locates <c>../shared/data/market</c> beside the repository checkout (read in place, never copied).</summary>
public static class SharedData
{
    public static string MarketFolder { get; } = Find();

    public static string MarketFile(string name) => Path.Combine(MarketFolder, name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "market");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/data/market was not found beside the checkout (expected ../shared next to the repository).");
    }
}
