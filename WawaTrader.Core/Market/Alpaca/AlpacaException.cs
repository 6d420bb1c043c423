namespace WawaTrader.Core.Market.Alpaca;

/// <summary>Why a request to Alpaca failed.</summary>
public enum AlpacaFailure
{
    /// <summary>No keys are configured (<c>Alpaca__KeyId</c>, <c>Alpaca__SecretKey</c>).</summary>
    KeysMissing,
    /// <summary>Alpaca refused the keys (401) or the account may not read this data (403).</summary>
    KeysRefused,
    /// <summary>Alpaca rejected the request (404 or 422: an unknown symbol, a bad parameter); the message carries Alpaca's.</summary>
    Rejected,
    /// <summary>The server could not be reached, timed out, or kept failing (429 or 5xx after every retry).</summary>
    Unavailable,
    /// <summary>The answer was not what the API documents: malformed JSON, a missing field, or an invalid bar.</summary>
    InvalidResponse,
}

/// <summary>
/// A request to Alpaca that failed in a way the user can act on; <see cref="Exception.Message"/> says what to do and never contains
/// the API keys.
/// </summary>
public sealed class AlpacaException(AlpacaFailure failure, string message, int? statusCode = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public AlpacaFailure Failure { get; } = failure;

    /// <summary>Alpaca's HTTP status, when it answered.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>The symbol the request was for, when it was for one.</summary>
    public string? Symbol { get; init; }

    /// <summary>The failure of a call made without keys: names the variables to set.</summary>
    public static AlpacaException KeysMissing() => new(AlpacaFailure.KeysMissing,
        $"Alpaca keys are not configured: set the environment variables {AlpacaOptions.KeyIdVariable} and {AlpacaOptions.SecretKeyVariable} (or {AlpacaOptions.ApcaKeyIdVariable} and {AlpacaOptions.ApcaSecretKeyVariable}) " +
        "(or the user secrets Alpaca:KeyId and Alpaca:SecretKey) to your Alpaca API key id and secret.");
}
