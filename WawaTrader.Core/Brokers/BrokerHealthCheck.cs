using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WawaTrader.Core.Brokers;

/// <summary>
/// Is the broker answering? Asks it for the account (bounded by the check's registration timeout). A broker that does not
/// answer is the registration's failure status (Unhealthy: orders cannot be sent nor positions known, so the agent cannot
/// trade safely).
/// </summary>
public sealed class BrokerHealthCheck(IBroker broker, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = time.GetTimestamp();
        try
        {
            var account = await broker.GetAccountAsync(cancellationToken);
            var ms = time.GetElapsedTime(started).TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture);
            return HealthCheckResult.Healthy($"{broker.Name} broker answered in {ms} ms ({account.Positions.Count} positions).",
                new Dictionary<string, object> { ["broker"] = broker.Name });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{broker.Name} broker did not answer: {ex.Message}", ex);
        }
    }
}
