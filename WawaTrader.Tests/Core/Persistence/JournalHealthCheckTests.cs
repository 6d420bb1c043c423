using Microsoft.Extensions.Diagnostics.HealthChecks;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Persistence.Fallback;

namespace WawaTrader.Tests.Core.Persistence;

public sealed class JournalHealthCheckTests
{
    [Theory]
    [InlineData(JournalState.Database, HealthStatus.Healthy)]
    [InlineData(JournalState.FallbackFile, HealthStatus.Degraded)]
    [InlineData(JournalState.Unavailable, HealthStatus.Unhealthy)]
    public async Task The_journal_is_degraded_on_the_fallback_file_and_unhealthy_when_nothing_takes_a_write(JournalState state, HealthStatus expected)
    {
        var journal = new JournalHealth();
        journal.Set(state, pending: 3, reason: state == JournalState.Database ? null : "database is locked");

        var result = await new JournalHealthCheck(journal).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(expected, result.Status);
        if (state != JournalState.Database) Assert.Contains("database is locked", result.Description);
    }
}
