using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Market;

/// <summary>A resume point as the database would give it (the markets' edge to what was recorded), for tests of the markets alone.</summary>
internal sealed class RecordedResume(ResumePoint point) : IResumePointSource
{
    public Task<ResumePoint> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(point);
}
