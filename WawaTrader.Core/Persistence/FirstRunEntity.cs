namespace WawaTrader.Core.Persistence;

/// <summary>The single row (<see cref="SingletonId"/>) of <c>first_run</c>: when the app first started on this database, whether it
/// was empty then, and when the first-run tour was dismissed (null while not).</summary>
internal sealed class FirstRunEntity
{
    public const int SingletonId = 1;

    public required int Id { get; set; }
    public required DateTime StartedAt { get; set; }
    public required bool FreshDatabase { get; set; }
    public DateTime? TourDismissedAt { get; set; }
}
