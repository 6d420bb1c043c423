using Microsoft.AspNetCore.Components;
using MudBlazor;
using WawaTrader.Core.Alerts;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Pages;

/// <summary>The alerts sent or attempted, newest first (the last <see cref="Limit"/>), filtered by type, channel and status.</summary>
public sealed partial class Alerts : ViewerClockComponent, IDisposable
{
    /// <summary>Most alerts listed.</summary>
    public const int Limit = 500;

    [Inject] private IAlertStore Store { get; set; } = null!;
    [Inject] private ILogger<Alerts> Logger { get; set; } = null!;

    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<AlertDelivery> _alerts = [];
    private AlertType? _type;
    private AlertChannelKind? _channel;
    private AlertStatus? _status;
    private string? _error;
    private bool _loaded;

    protected override Task OnInitializedAsync() => LoadAsync();

    private Task OnTypeChangedAsync(AlertType? type)
    {
        _type = type;
        return LoadAsync();
    }

    private Task OnChannelChangedAsync(AlertChannelKind? channel)
    {
        _channel = channel;
        return LoadAsync();
    }

    private Task OnStatusChangedAsync(AlertStatus? status)
    {
        _status = status;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _alerts = await Store.QueryAsync(new AlertQuery(_type, _channel, _status, Limit), _cts.Token);
            _error = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_cts.IsCancellationRequested)
        {
            Logger.LogError(ex, "Loading the alerts failed");
            _error = ex.Message;
        }
        _loaded = true;
    }

    private static Color StatusColor(AlertStatus status) => status switch
    {
        AlertStatus.Sent => Color.Success,
        AlertStatus.Failed => Color.Error,
        _ => Color.Warning,
    };

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
