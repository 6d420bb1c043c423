using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Extensions.Logging;

namespace WawaTrader.Web.Logging;

public static class FileLoggingExtensions
{
    /// <summary>The rolling log file of <see cref="FileLoggingOptions"/> when <c>Logging:File:Path</c> is set (Serilog's file sink
    /// behind Microsoft.Extensions.Logging, so the usual level filters decide what is written); nothing otherwise. The settings
    /// are read when logging starts, so every configuration source is honoured.</summary>
    public static IServiceCollection AddRollingFileLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FileLoggingOptions>().Bind(configuration.GetSection(FileLoggingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ILoggerProvider>(sp => Provider(sp.GetRequiredService<IOptions<FileLoggingOptions>>().Value));
        return services;
    }

    private static ILoggerProvider Provider(FileLoggingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path)) return NullLoggerProvider.Instance;
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose() // Microsoft.Extensions.Logging's filters have already chosen
            .WriteTo.File(Path.GetFullPath(options.Path),
                outputTemplate: "{Timestamp:o} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                fileSizeLimitBytes: options.MaxBytes,
                rollOnFileSizeLimit: true,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: options.MaxFiles,
                retainedFileTimeLimit: TimeSpan.FromDays(options.RetainDays))
            .CreateLogger();
        return new SerilogLoggerProvider(logger, dispose: true);
    }
}
