using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Market.Alpaca;

/// <summary>Refuses to start when a capability that needs Alpaca — <c>Trading:Broker=Alpaca</c> or <c>Trading:Market=Alpaca</c> —
/// is chosen without both keys, naming the variables to set.</summary>
public sealed class AlpacaKeysRequiredValidator(IOptionsMonitor<TradingOptions> trading) : IValidateOptions<AlpacaOptions>
{
    public ValidateOptionsResult Validate(string? name, AlpacaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HasKeys) return ValidateOptionsResult.Success;
        TradingOptions settings;
        try
        {
            settings = trading.CurrentValue;
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Success; // the trading settings are wrong: that is reported on its own, once
        }
        var why = string.Equals(settings.Broker, "Alpaca", StringComparison.OrdinalIgnoreCase) ? "Trading:Broker is Alpaca"
            : string.Equals(settings.Market, "Alpaca", StringComparison.OrdinalIgnoreCase) ? "Trading:Market is Alpaca"
            : null;
        return why is null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{why} but the Alpaca keys are not set: set the environment variables {AlpacaOptions.ApcaKeyIdVariable} and " +
                $"{AlpacaOptions.ApcaSecretKeyVariable} (or {AlpacaOptions.KeyIdVariable} and {AlpacaOptions.SecretKeyVariable}) to your Alpaca API key id and secret.");
    }
}

/// <summary>Registration of <see cref="AlpacaKeysRequiredValidator"/>, once.</summary>
public static class AlpacaKeysRequiredExtensions
{
    public static IServiceCollection AddAlpacaKeysRequired(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlpacaOptions>, AlpacaKeysRequiredValidator>());
        return services;
    }
}
