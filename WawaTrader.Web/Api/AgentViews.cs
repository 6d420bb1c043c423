using WawaTrader.Core.Agents;
using WawaTrader.Core.Alerts;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;

namespace WawaTrader.Web.Api;

/// <summary>
/// What one agent (<see cref="Name"/>), or every agent (<see cref="Name"/> null), has recorded, as the list endpoints and the
/// dashboard's agent picker read it. <see cref="IsSelf"/> when it is this process's own agent, whose stores are the app's own
/// (the journal with its fallback file); other agents' are read-only views of the database.
/// </summary>
public sealed record AgentView(string? Name, bool IsSelf, IDecisionJournal Journal, ILlmInteractionStore Interactions, IAlertStore Alerts)
{
    /// <summary>How the view is named in a <c>?agent=</c> query and in the picker: the agent's name or <c>all</c>.</summary>
    public string Key => Name ?? AgentOptions.All;
}

/// <summary>
/// Turns <c>?agent=</c> into an <see cref="AgentView"/>: blank is this process's agent, <c>all</c> every agent, a valid name that
/// agent (an agent the database does not know is an empty view, not an error); a name that breaks <see cref="AgentNames"/> is refused.
/// </summary>
public sealed class AgentViews(AgentIdentity self, IServiceProvider services)
{
    /// <summary>This process's agent.</summary>
    public string Self => self.Name;

    /// <summary>The view <paramref name="agent"/> names, or null when it is not a valid agent name nor <c>all</c>.</summary>
    public AgentView? Resolve(string? agent)
    {
        var name = agent?.Trim();
        if (string.IsNullOrEmpty(name) || name == self.Name)
        {
            return new AgentView(self.Name, true, services.GetRequiredService<IDecisionJournal>(), services.GetRequiredService<ILlmInteractionStore>(),
                services.GetRequiredService<IAlertStore>());
        }
        if (string.Equals(name, AgentOptions.All, StringComparison.OrdinalIgnoreCase)) return Other(null);
        return AgentNames.IsValid(name) ? Other(name) : null;
    }

    /// <summary>The validation problem of an <c>agent</c> parameter that <see cref="Resolve"/> refused.</summary>
    public static IResult Invalid(string? agent) => Results.ValidationProblem(new Dictionary<string, string[]>
    {
        ["agent"] = [$"agent is '{agent}'; it must be an agent's name ({AgentNames.Rule}) or 'all'."],
    });

    // The database's own stores, asked for only when another agent is viewed.
    private AgentView Other(string? name) => new(name, false, services.GetRequiredService<EfDecisionJournal>().ForAgent(name),
        services.GetRequiredService<EfLlmInteractionStore>().ForAgent(name), services.GetRequiredService<EfAlertStore>().ForAgent(name));
}

public static class AgentViewsServiceCollectionExtensions
{
    /// <summary>The <see cref="AgentViews"/> of the list endpoints and the dashboard (needs AddPersistence and AddAlerts).</summary>
    public static IServiceCollection AddAgentViews(this IServiceCollection services) => services.AddSingleton<AgentViews>();
}
