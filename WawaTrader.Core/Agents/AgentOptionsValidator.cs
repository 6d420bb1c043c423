using Microsoft.Extensions.Options;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Core.Agents;

/// <summary>The name's rule (<see cref="AgentNames"/>) and the lease timeout's room for a late heartbeat, one sentence each.</summary>
public sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!AgentNames.IsValid(options.Name))
        {
            failures.Add($"{AgentOptions.SectionName}:{nameof(AgentOptions.Name)} is {SettingRules.Shown(options.Name)}; it must be {AgentNames.Rule}.");
        }
        if (options.LeaseTimeout < 2 * options.HeartbeatInterval)
        {
            failures.Add($"{AgentOptions.SectionName}:{nameof(AgentOptions.LeaseTimeout)} is {SettingRules.Shown(options.LeaseTimeout)}; " +
                $"it must be at least twice {AgentOptions.SectionName}:{nameof(AgentOptions.HeartbeatInterval)} ({SettingRules.Shown(options.HeartbeatInterval)}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
