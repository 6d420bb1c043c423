using Microsoft.Extensions.Options;

namespace WawaTrader.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>The access token (required off loopback, validated at start), the body size limit and the failed-token limiter.</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton<FailedTokenLimiter>();
        return services;
    }

    /// <summary>In order: the access token (when set), the body size limit, the refusal of cross-site state changes.</summary>
    public static IApplicationBuilder UseSecurity(this IApplicationBuilder app) =>
        app.UseMiddleware<AccessTokenGate>().UseMiddleware<RequestBodyLimit>().UseMiddleware<CrossSiteRequestGuard>();
}
