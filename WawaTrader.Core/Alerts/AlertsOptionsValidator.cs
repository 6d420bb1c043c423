using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// Rules of <see cref="AlertsOptions"/> across fields: an enabled channel needs what it sends with (e-mail: host, sender and valid
/// recipients; Slack: an https webhook URL). Messages name the configuration keys and never show the secret values.
/// Used at start-up and by the settings page before saving.
/// </summary>
public sealed class AlertsOptionsValidator : IValidateOptions<AlertsOptions>
{
    private const string S = AlertsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.EmailEnabled)
        {
            if (string.IsNullOrWhiteSpace(options.SmtpHost)) failures.Add($"{S}:SmtpHost is required when {S}:EmailEnabled is true.");
            if (string.IsNullOrWhiteSpace(options.From)) failures.Add($"{S}:From is required when {S}:EmailEnabled is true.");
            var to = options.To.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (to.Length == 0) failures.Add($"{S}:To needs at least one address when {S}:EmailEnabled is true.");
            else if (to.FirstOrDefault(a => !MailAddress.TryCreate(a, out _)) is { } bad) failures.Add($"{S}:To has an invalid address '{bad}'.");
        }
        if (options.SlackEnabled)
        {
            if (string.IsNullOrWhiteSpace(options.SlackWebhookUrl))
                failures.Add($"{S}:SlackWebhookUrl is required when {S}:SlackEnabled is true.");
            else if (!Uri.TryCreate(options.SlackWebhookUrl, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                failures.Add($"{S}:SlackWebhookUrl must be an https URL.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
