using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Fakes;
using WawaTrader.Web.Api;

namespace WawaTrader.Tests.Web.Components;

/// <summary>
/// The services the dashboard's components need, real where they can be (hub, agent control, kill switch, portfolio service)
/// over in-memory stand-ins (journal, market, a broker the test chooses), registered in a bUnit context with loose JS interop.
/// </summary>
internal sealed class DashboardServices
{
    public static readonly BrokerAccount OpeningAccount = new(100_000m, 100_000m, [], 0m);

    public DashboardServices(BunitContext ctx, IBroker? broker = null, params string[] watchlist)
    {
        Broker = broker ?? new FixedAccountBroker(OpeningAccount);
        Agent = new AgentControl(Hub, Time);
        Portfolio = new PortfolioService(Broker, Journal, Time);
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddLogging();
        ctx.Services.AddOptions<RiskOptions>().Configure(o => { o.MaxExposurePct = 30; o.MaxTradesPerDay = 10; o.MaxDailyLossPct = 2; });
        ctx.Services.AddOptions<TradingOptions>().Configure(o => o.Watchlist = watchlist.Length > 0 ? watchlist : ["AAPL", "MSFT"]);
        ctx.Services.AddSingleton<TimeProvider>(Time);
        ctx.Services.AddSingleton(Hub);
        ctx.Services.AddSingleton(Agent);
        ctx.Services.AddSingleton(Portfolio);
        ctx.Services.AddSingleton(Broker);
        ctx.Services.AddSingleton(new KillSwitch(Agent, Broker));
        ctx.Services.AddSingleton<IDecisionJournal>(Journal);
        ctx.Services.AddSingleton<IMarketData>(Market);
        ctx.Services.AddOptions<LlmOptions>();
        ctx.Services.AddSingleton<LlmHealth>();
        ctx.Services.AddSingleton(AgentIdentity.Default);
        ctx.Services.AddSingleton<AgentViews>();
    }

    public LlmHealth Health(BunitContext ctx) => ctx.Services.GetRequiredService<LlmHealth>();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 3, 1, 15, 0, 0, TimeSpan.Zero));

    public AgentEventHub Hub { get; } = new(NullLogger<AgentEventHub>.Instance);

    public InMemoryDecisionJournal Journal { get; } = new();

    public BarsMarket Market { get; } = new();

    public IBroker Broker { get; }

    public AgentControl Agent { get; }

    public PortfolioService Portfolio { get; }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;
}
