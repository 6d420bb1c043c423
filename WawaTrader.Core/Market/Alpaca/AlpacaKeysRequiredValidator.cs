using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Market.Alpaca;

/// <summary>Refuses to start when a capability that needs Alpaca (the broker, the live market) is chosen without both keys,
/// naming the variables to set.</summary>
public sealed class AlpacaKeysRequiredValidator(string why) : IValidateOptions<AlpacaOptions>
{
    public ValidateOptionsResult Validate(string? name, AlpacaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.HasKeys
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{why} but the Alpaca keys are not set: set the environment variables {AlpacaOptions.ApcaKeyIdVariable} and " +
                $"{AlpacaOptions.ApcaSecretKeyVariable} (or {AlpacaOptions.KeyIdVariable} and {AlpacaOptions.SecretKeyVariable}) to your Alpaca API key id and secret.");
    }
}
