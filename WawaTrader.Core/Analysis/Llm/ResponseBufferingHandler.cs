namespace WawaTrader.Core.Analysis.Llm;

/// <summary>
/// Reads each response body completely inside the resilience pipeline (it sits inside the retry handler), so a
/// connection that breaks mid-body fails that attempt — and is retried — rather than failing later in the SDK, after the
/// pipeline has already counted a 200 as a success. Chat completions are small and never streamed here.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
