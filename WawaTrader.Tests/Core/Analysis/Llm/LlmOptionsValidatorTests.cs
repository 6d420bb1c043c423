using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Tests.Core.Analysis.Llm;

public sealed class LlmOptionsValidatorTests
{
    private readonly LlmOptionsValidator _validator = new();

    [Fact]
    public void Default_options_are_valid()
    {
        Assert.True(_validator.Validate(null, new LlmOptions()).Succeeded);
    }

    [Theory]
    [InlineData("http://localhost:1234/v1", true)]
    [InlineData("https://api.openai.com/v1", true)]
    [InlineData("http://127.0.0.1:11434/v1/", true)]
    [InlineData("http://gpu-box.lan:8000/v1", true)]
    [InlineData("localhost:1234/v1", false)]
    [InlineData("/v1", false)]
    [InlineData("ftp://localhost/v1", false)]
    [InlineData("file:///tmp/model", false)]
    [InlineData("not a url", false)]
    [InlineData("", false)]
    [InlineData("http://localhost:1234/v1/chat/completions", false)]
    [InlineData("http://user:secret@localhost:1234/v1", false)]
    public void Endpoint_must_be_an_absolute_http_base_url(string endpoint, bool valid)
    {
        var result = _validator.Validate(null, new LlmOptions { Endpoint = endpoint });

        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.StartsWith("Llm:Endpoint", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Endpoint_message_names_the_key_and_the_value()
    {
        var result = _validator.Validate(null, new LlmOptions { Endpoint = "localhost:1234" });

        Assert.Equal(["Llm:Endpoint (\"localhost:1234\") must be an absolute http or https URL, e.g. http://localhost:1234/v1."], result.Failures);
    }

    [Fact]
    public void Endpoint_with_credentials_is_refused_without_echoing_them()
    {
        var result = _validator.Validate(null, new LlmOptions { Endpoint = "http://user:sk-secret@localhost:1234/v1" });

        var message = Assert.Single(result.Failures!);
        Assert.Contains(LlmOptions.ApiKeyVariable, message);
        Assert.DoesNotContain("sk-secret", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Advise on {{symbol}} at {{close}}. {{indicators}} Answer as {\"action\":\"BUY\"}.")]
    public void Empty_or_known_placeholder_templates_are_valid(string template)
    {
        Assert.True(_validator.Validate(null, new LlmOptions { PromptTemplate = template }).Succeeded);
    }

    [Fact]
    public void Template_with_unknown_placeholders_is_refused_naming_the_key_and_the_typos()
    {
        var result = _validator.Validate(null, new LlmOptions { PromptTemplate = "Advise on {{symbl}} at {{close}} with {{indicator}}." });

        var message = Assert.Single(result.Failures!);
        Assert.StartsWith("Llm:PromptTemplate uses unknown placeholders {{symbl}}, {{indicator}}; known: {{symbol}}, {{time}}", message);
    }

    [Fact]
    public void Both_problems_are_reported_together()
    {
        var result = _validator.Validate(null, new LlmOptions { Endpoint = "nope", PromptTemplate = "{{x}}" });

        Assert.Equal(2, result.Failures!.Count());
    }
}
