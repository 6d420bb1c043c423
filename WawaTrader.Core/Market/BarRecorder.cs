using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Market;

/// <summary>
/// Writes bars to the <see cref="IBarCache"/> off the trading cycle: <see cref="TryRecord"/> only queues (a bounded queue of
/// <see cref="Capacity"/> batches; when it is full the batch is dropped and a warning logged, the caller never waits), and one
/// background writer drains the queue. A failed write is logged, never thrown. Stopping the host flushes what is queued.
/// </summary>
public sealed class BarRecorder(IBarCache cache, ILogger<BarRecorder> logger) : BackgroundService
{
    /// <summary>Most batches waiting to be written.</summary>
    public const int Capacity = 1024;

    private readonly Channel<(string Symbol, Bar[] Bars)> _queue = Channel.CreateBounded<(string, Bar[])>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues <paramref name="bars"/> of <paramref name="symbol"/> for the cache; false (and a warning) when the queue is full
    /// or the recorder has stopped.</summary>
    public bool TryRecord(string symbol, Bar[] bars)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Length == 0) return true;
        if (_queue.Writer.TryWrite((symbol, bars))) return true;
        Log.BarQueueFull(logger, symbol, bars.Length);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (symbol, bars) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await cache.UpsertAsync(symbol, bars, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                Log.BarsNotCached(logger, symbol, bars.Length, ex);
            }
        }
    }

    /// <summary>Stops taking bars, writes what is queued (until <paramref name="cancellationToken"/> says the host is out of time), then stops.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } writer)
        {
            try
            {
                await writer.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Log.BarFlushIncomplete(logger, _queue.Reader.Count);
            }
        }
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
