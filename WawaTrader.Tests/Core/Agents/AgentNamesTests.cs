using WawaTrader.Core.Agents;

namespace WawaTrader.Tests.Core.Agents;

public sealed class AgentNamesTests
{
    [Theory]
    [InlineData("default", true)]
    [InlineData("alpha-2_B", true)]
    [InlineData("x", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345", true)] // 32
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", false)] // 33
    [InlineData("", false)]
    [InlineData("two words", false)]
    [InlineData("émile", false)]
    [InlineData("a/b", false)]
    [InlineData("all", false)]
    [InlineData("ALL", false)]
    [InlineData(null, false)]
    public void Names_are_1_to_32_ascii_letters_digits_dashes_or_underscores_and_not_all(string? name, bool valid) =>
        Assert.Equal(valid, AgentNames.IsValid(name));

    [Fact]
    public void The_validator_words_a_bad_name_in_one_sentence_with_its_value()
    {
        var result = new AgentOptionsValidator().Validate(null, new AgentOptions { Name = "a b" });

        Assert.Equal(["Agent:Name is 'a b'; it must be 1 to 32 letters, digits, '-' or '_' (and not 'all')."], result.Failures);
    }

    [Fact]
    public void The_lease_timeout_must_leave_room_for_a_late_heartbeat()
    {
        var result = new AgentOptionsValidator().Validate(null, new AgentOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), LeaseTimeout = TimeSpan.FromSeconds(19) });

        Assert.True(result.Failed);
        Assert.True(new AgentOptionsValidator().Validate(null, new AgentOptions()).Succeeded);
    }
}
