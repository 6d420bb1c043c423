using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// An alert as each channel shows it: plain text and HTML for e-mail (the HTML escapes every value), and a Slack Block Kit
/// message (a header, the body and up to ten fields in a section, a context line with the decision's link) with a plain
/// <c>text</c> fallback for notifications. Slack's limits are kept: 150 characters in a header, 2,000 in a field, 3,000 in a text.
/// </summary>
public static class AlertFormatter
{
    private const int MaxSlackFields = 10;

    public static string PlainText(Alert alert, Uri? link)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var text = new StringBuilder().AppendLine(alert.Subject).AppendLine().AppendLine(alert.Body);
        if (alert.Fields.Count > 0) text.AppendLine();
        foreach (var field in alert.Fields) text.Append(field.Name).Append(": ").AppendLine(field.Value);
        if (link is not null) text.AppendLine().Append("Decision: ").AppendLine(link.AbsoluteUri);
        text.AppendLine().Append("Raised at ").Append(alert.Time.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).AppendLine(" UTC");
        return text.ToString();
    }

    public static string Html(Alert alert, Uri? link)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var colour = alert.Severity switch { AlertSeverity.Critical => "#c62828", AlertSeverity.Warning => "#ef6c00", _ => "#1565c0" };
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
            .Append("<h2 style=\"color:").Append(colour).Append("\">").Append(E(AlertTypes.Title(alert.Type))).Append(": ").Append(E(alert.Summary)).Append("</h2>")
            .Append("<p>").Append(E(alert.Body)).Append("</p>");
        if (alert.Fields.Count > 0)
        {
            html.Append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
            foreach (var field in alert.Fields)
                html.Append("<tr><th align=\"left\">").Append(E(field.Name)).Append("</th><td>").Append(E(field.Value)).Append("</td></tr>");
            html.Append("</table>");
        }
        if (link is not null) html.Append("<p><a href=\"").Append(E(link.AbsoluteUri)).Append("\">Open the decision</a></p>");
        html.Append("<p style=\"color:#777\">Raised at ").Append(alert.Time.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Append(" UTC by WawaTrader.</p>");
        return html.Append("</body></html>").ToString();
    }

    /// <summary>The webhook's JSON body.</summary>
    public static JsonObject Slack(Alert alert, Uri? link)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var marker = alert.Severity switch { AlertSeverity.Critical => ":rotating_light:", AlertSeverity.Warning => ":warning:", _ => ":information_source:" };
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut($"{AlertTypes.Title(alert.Type)}: {alert.Summary}", 150), ["emoji"] = true },
            },
        };
        var section = new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Cut($"{marker} {Escape(alert.Body)}", 3000)) };
        if (alert.Fields.Count > 0)
            section["fields"] = new JsonArray([.. alert.Fields.Take(MaxSlackFields).Select(f => (JsonNode)Mrkdwn(Cut($"*{Escape(f.Name)}*\n{Escape(f.Value)}", 2000)))]);
        blocks.Add(section);
        var context = $"WawaTrader · {alert.Time.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} UTC";
        if (link is not null) context += $" · <{link.AbsoluteUri}|Open the decision>";
        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(context)) });
        return new JsonObject { ["text"] = Cut(alert.Subject, 3000), ["blocks"] = blocks };
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>Slack's three control characters in text.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
