using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// Rules of <see cref="AlertsOptions"/> across fields: an enabled channel needs what it sends with (e-mail: host, sender and valid
/// recipients; Slack: an https webhook URL, or http to this machine for a local receiver), routing lists name alert types, and
/// a base URL is absolute. A secret left empty may come from its environment variable, read through <c>variables</c> (the
/// process environment by default). Messages name the configuration keys and never show the secret values.
/// Used at start-up and by the settings page before saving.
/// </summary>
public sealed class AlertsOptionsValidator(Func<string, string?>? variables = null) : IValidateOptions<AlertsOptions>
{
    private const string S = AlertsOptions.SectionName;
    private readonly Func<string, string?> _variables = variables ?? Environment.GetEnvironmentVariable;

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
        if (!Enum.IsDefined(options.SmtpSecurity))
            failures.Add($"{S}:SmtpSecurity must be one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())}.");
        if (options.SlackEnabled)
        {
            var url = string.IsNullOrWhiteSpace(options.SlackWebhookUrl) ? _variables(AlertsOptions.SlackWebhookUrlVariable) : options.SlackWebhookUrl;
            if (string.IsNullOrWhiteSpace(url))
                failures.Add($"{S}:SlackWebhookUrl is required when {S}:SlackEnabled is true (or set {AlertsOptions.SlackWebhookUrlVariable}).");
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
                failures.Add($"{S}:SlackWebhookUrl must be an https URL (http only to this machine).");
        }
        if (AlertTypes.ParseRoute(options.EmailTypes, out var badEmail) is null)
            failures.Add($"{S}:EmailTypes has an unknown alert type '{badEmail}' (use * or names among {string.Join(", ", Enum.GetNames<AlertType>())}).");
        if (AlertTypes.ParseRoute(options.SlackTypes, out var badSlack) is null)
            failures.Add($"{S}:SlackTypes has an unknown alert type '{badSlack}' (use * or names among {string.Join(", ", Enum.GetNames<AlertType>())}).");
        if (options.BaseUrl.Length > 0 && (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https")))
            failures.Add($"{S}:BaseUrl must be an absolute http or https URL, such as https://trader.example.com.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
