using WawaTrader.Core.Alerts;
using WawaTrader.Core.Persistence;
using WawaTrader.Tests.Core.Alerts;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>The alerts table through <see cref="IAlertStore"/> on a migrated database of each provider.</summary>
public abstract class EfAlertStoreTests(TestProvider provider) : DatabaseTests(provider), IAsyncLifetime
{
    public sealed class OnSqlite() : EfAlertStoreTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfAlertStoreTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;
    private AlertHarness _alerts = null!;

    public async Task InitializeAsync() => _alerts = await new AlertHarness(new Dictionary<string, string?>(), provider: Provider).StartAsync();

    public async Task DisposeAsync() => await _alerts.DisposeAsync();

    private static AlertDelivery Pending(AlertType type, AlertChannelKind channel, string subject, Guid? decisionId = null) =>
        new(0, AlertHarness.Start.UtcDateTime, type, AlertSeverity.Warning, channel, subject, AlertStatus.Pending, 0, null, null, decisionId, 1);

    [Fact]
    public async Task A_delivery_is_added_then_updated_and_read_back_as_written()
    {
        var decision = Guid.NewGuid();
        var added = await _alerts.Store.AddAsync(Pending(AlertType.Trade, AlertChannelKind.Email, "[WawaTrader] Trade: BUY 12 NVDA @ 131.20", decision), None);
        var failed = added with { Status = AlertStatus.Failed, Attempts = 3, Error = "connection refused by 127.0.0.1:2525", CompletedAt = AlertHarness.Start.UtcDateTime.AddMinutes(1) };

        await _alerts.Store.UpdateAsync(failed, None);

        Assert.NotEqual(0, added.Id);
        var read = Assert.Single(await _alerts.Store.QueryAsync(new AlertQuery(), None));
        Assert.Equal(failed, read);
        Assert.Equal(DateTimeKind.Utc, read.Time.Kind);
    }

    [Fact]
    public async Task Queries_filter_by_type_channel_and_status_newest_first_within_the_limit()
    {
        await _alerts.Store.AddAsync(Pending(AlertType.Trade, AlertChannelKind.Email, "one"), None);
        var sent = await _alerts.Store.AddAsync(Pending(AlertType.Trade, AlertChannelKind.Slack, "two"), None);
        await _alerts.Store.UpdateAsync(sent with { Status = AlertStatus.Sent, Attempts = 1 }, None);
        await _alerts.Store.AddAsync(Pending(AlertType.ModelOffline, AlertChannelKind.Slack, "three"), None);

        Assert.Equal(["three", "two", "one"], (await _alerts.Store.QueryAsync(new AlertQuery(), None)).Select(a => a.Subject));
        Assert.Equal(["two", "one"], (await _alerts.Store.QueryAsync(new AlertQuery(Type: AlertType.Trade), None)).Select(a => a.Subject));
        Assert.Equal(["three", "two"], (await _alerts.Store.QueryAsync(new AlertQuery(Channel: AlertChannelKind.Slack), None)).Select(a => a.Subject));
        Assert.Equal(["two"], (await _alerts.Store.QueryAsync(new AlertQuery(Status: AlertStatus.Sent), None)).Select(a => a.Subject));
        Assert.Equal(["three"], (await _alerts.Store.QueryAsync(new AlertQuery(Limit: 1), None)).Select(a => a.Subject));
    }

    [Fact]
    public async Task An_error_longer_than_the_column_is_cut_to_it()
    {
        var added = await _alerts.Store.AddAsync(Pending(AlertType.DatabaseFailure, AlertChannelKind.Email, "x"), None);

        await _alerts.Store.UpdateAsync(added with { Error = new string('e', 5000) }, None);

        Assert.Equal(EfAlertStore.MaxError, (await _alerts.Store.QueryAsync(new AlertQuery(), None))[0].Error!.Length);
    }

    [Fact]
    public async Task Deliveries_left_pending_are_marked_failed_with_the_reason_and_their_last_error()
    {
        var quiet = await _alerts.Store.AddAsync(Pending(AlertType.Trade, AlertChannelKind.Email, "never tried"), None);
        var retried = await _alerts.Store.AddAsync(Pending(AlertType.Trade, AlertChannelKind.Slack, "tried once"), None);
        await _alerts.Store.UpdateAsync(retried with { Attempts = 1, Error = "Slack refused the alert: 500 internal_error" }, None);
        var sent = await _alerts.Store.AddAsync(Pending(AlertType.Trade, AlertChannelKind.Slack, "sent"), None);
        await _alerts.Store.UpdateAsync(sent with { Status = AlertStatus.Sent, Attempts = 1 }, None);
        var at = AlertHarness.Start.UtcDateTime.AddHours(1);

        var marked = await _alerts.Store.FailPendingAsync(AlertManager.StoppedBeforeDelivery, at, createdBefore: at, None);

        Assert.Equal(2, marked);
        var byId = (await _alerts.Store.QueryAsync(new AlertQuery(), None)).ToDictionary(a => a.Id);
        Assert.Equal((AlertStatus.Failed, AlertManager.StoppedBeforeDelivery, at), (byId[quiet.Id].Status, byId[quiet.Id].Error, byId[quiet.Id].CompletedAt));
        Assert.Equal($"{AlertManager.StoppedBeforeDelivery} Last error: Slack refused the alert: 500 internal_error", byId[retried.Id].Error);
        Assert.Equal(AlertStatus.Sent, byId[sent.Id].Status);
    }
}
