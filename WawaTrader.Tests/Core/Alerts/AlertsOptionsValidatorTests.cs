using WawaTrader.Core.Alerts;

namespace WawaTrader.Tests.Core.Alerts;

public sealed class AlertsOptionsValidatorTests
{
    private static readonly AlertsOptionsValidator Validator = new(_ => null);

    private static IEnumerable<string> Failures(AlertsOptions options, AlertsOptionsValidator? validator = null) =>
        (validator ?? Validator).Validate(null, options).Failures ?? [];

    [Theory]
    [InlineData("https://hooks.slack.com/services/T/B/x", true)]
    [InlineData("http://127.0.0.1:5055/services/T/B/x", true)]
    [InlineData("http://localhost:5055/hook", true)]
    [InlineData("http://hooks.slack.com/services/T/B/x", false)]
    [InlineData("hooks.slack.com/services", false)]
    public void A_slack_webhook_must_be_https_or_http_to_this_machine(string url, bool valid)
    {
        var failures = Failures(new AlertsOptions { SlackEnabled = true, SlackWebhookUrl = url });

        Assert.Equal(valid, !failures.Any());
        Assert.All(failures, f => Assert.DoesNotContain(url, f, StringComparison.Ordinal));
    }

    [Fact]
    public void A_webhook_from_the_environment_variable_satisfies_slack_enabled()
    {
        var validator = new AlertsOptionsValidator(name => name == AlertsOptions.SlackWebhookUrlVariable ? "https://hooks.slack.com/services/T/B/x" : null);

        Assert.Empty(Failures(new AlertsOptions { SlackEnabled = true }, validator));
        Assert.Equal(["Alerts:SlackWebhookUrl is required when Alerts:SlackEnabled is true (or set WAWATRADER_SLACK_WEBHOOK_URL)."],
            Failures(new AlertsOptions { SlackEnabled = true }));
    }

    [Fact]
    public void Routing_lists_must_name_alert_types()
    {
        Assert.Empty(Failures(new AlertsOptions { EmailTypes = "Trade, dailysummary", SlackTypes = "*" }));

        var failure = Assert.Single(Failures(new AlertsOptions { SlackTypes = "Trade,Fills" }));
        Assert.StartsWith("Alerts:SlackTypes has an unknown alert type 'Fills'", failure);
    }

    [Fact]
    public void Smtp_security_must_be_a_named_mode_and_a_base_url_absolute()
    {
        Assert.Equal(["Alerts:SmtpSecurity must be one of Auto, None, StartTls, SslOnConnect.", "Alerts:BaseUrl must be an absolute http or https URL, such as https://trader.example.com."],
            Failures(new AlertsOptions { SmtpSecurity = (SmtpSecurity)9, BaseUrl = "trader.example.com" }));
    }

    [Fact]
    public void A_route_sends_what_it_lists_and_always_the_test_alert()
    {
        var route = AlertTypes.ParseRoute("Trade,DailySummary", out _)!;

        Assert.Equal([AlertType.Trade, AlertType.DailySummary, AlertType.Test], route.Order());
        Assert.Equal(Enum.GetValues<AlertType>().Length, AlertTypes.ParseRoute("*", out _)!.Count);
    }
}
