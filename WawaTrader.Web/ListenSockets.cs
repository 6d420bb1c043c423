using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace WawaTrader.Web;

/// <summary>
/// Binds the sockets of the configured URLs (<c>--urls</c>, <c>Urls</c>, <c>ASPNETCORE_HTTP_PORTS</c>; Kestrel's default
/// <c>http://localhost:5000</c> otherwise) before anything else starts, so a port in use is reported before the database is
/// migrated, the ledger loaded or the agent started; Kestrel then listens on these very sockets (no window in which another
/// process can take the port). Endpoints configured under <c>Kestrel:Endpoints</c> are left to the server.
/// </summary>
public sealed class ListenSockets : IDisposable
{
    private readonly ConcurrentDictionary<EndPoint, Socket> _bound = new();
    private volatile bool _reserved;

    /// <summary>
    /// Registers the sockets and, once <see cref="Bind"/> has run, makes Kestrel take a socket bound here instead of binding its
    /// endpoint again. A host that never calls <see cref="Bind"/> (a test factory, which stops Program at <c>Build</c>) keeps
    /// Kestrel's own binding untouched.
    /// </summary>
    public static void AddTo(IServiceCollection services)
    {
        var sockets = new ListenSockets();
        services.AddSingleton(sockets);
        services.Configure<SocketTransportOptions>(o =>
        {
            if (sockets._reserved)
                o.CreateBoundListenSocket = endpoint => sockets.Take(endpoint) ?? SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        });
    }

    /// <summary>
    /// Binds every configured endpoint; null when all are bound (or the server binds its own), else the one line to tell the user,
    /// e.g. <c>Port 5000 is in use: pass --urls http://127.0.0.1:5001</c>. Sockets the server has not taken once the app has
    /// started are closed. Call it before anything resolves the server (the server reads the transport options once).
    /// </summary>
    public static string? Bind(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sockets = app.Services.GetRequiredService<ListenSockets>();
        if (app.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any()) return null;
        sockets._reserved = true;
        app.Lifetime.ApplicationStarted.Register(sockets.Dispose);
        var urls = Urls(app.Configuration);
        foreach (var url in urls)
        {
            if (sockets.TryBind(url, keep: true) is not { } error) continue;
            sockets.Dispose();
            return error == SocketError.AddressAlreadyInUse
                ? string.Create(CultureInfo.InvariantCulture, $"Port {url.Port} is in use: pass --urls {Suggestion(urls, url)}")
                : $"Cannot listen on {url}: {new SocketException((int)error).Message}.";
        }
        return null;
    }

    /// <summary>Closes the sockets the server has not taken.</summary>
    public void Dispose()
    {
        foreach (var endpoint in _bound.Keys)
            if (_bound.TryRemove(endpoint, out var socket)) socket.Dispose();
    }

    private Socket? Take(EndPoint endpoint) => _bound.TryRemove(endpoint, out var socket) ? socket : null;

    /// <summary>The addresses as the server reads them: the <c>urls</c> setting, else <c>http_ports</c>, else Kestrel's default.</summary>
    private static List<BindingAddress> Urls(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls) && configuration[WebHostDefaults.HttpPortsKey] is { Length: > 0 } ports)
            urls = string.Join(';', ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}"));
        if (string.IsNullOrWhiteSpace(urls)) urls = "http://localhost:5000";
        return [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(BindingAddress.Parse)
            .Where(a => !a.IsUnixPipe && !(a.Port == 0 && IsLocalhost(a)))];
    }

    /// <summary>
    /// Binds the endpoints Kestrel binds for <paramref name="url"/>: an IP address as given; <c>localhost</c> as 127.0.0.1 and, when
    /// the machine has IPv6, [::1]; any other host as [::] (dual mode), or 0.0.0.0 without IPv6. The error, or null when bound;
    /// with <paramref name="keep"/> false the sockets are closed again (a probe).
    /// </summary>
    private SocketError? TryBind(BindingAddress url, bool keep)
    {
        var taken = new List<(IPEndPoint Endpoint, Socket Socket)>();
        SocketError? error;
        if (IPAddress.TryParse(url.Host, out var ip)) error = BindOne(new IPEndPoint(ip, url.Port));
        else if (IsLocalhost(url))
        {
            error = BindOne(new IPEndPoint(IPAddress.Loopback, url.Port));
            if (error is null && Socket.OSSupportsIPv6 && BindOne(new IPEndPoint(IPAddress.IPv6Loopback, url.Port)) is SocketError.AddressAlreadyInUse)
                error = SocketError.AddressAlreadyInUse;
        }
        else
        {
            error = Socket.OSSupportsIPv6 ? BindOne(new IPEndPoint(IPAddress.IPv6Any, url.Port)) : SocketError.AddressFamilyNotSupported;
            if (error is not null and not SocketError.AddressAlreadyInUse) error = BindOne(new IPEndPoint(IPAddress.Any, url.Port));
        }
        foreach (var (endpoint, socket) in taken)
        {
            if (error is null && keep) _bound[endpoint] = socket;
            else socket.Dispose();
        }
        return error;

        SocketError? BindOne(IPEndPoint endpoint)
        {
            try
            {
                taken.Add((endpoint, SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint)));
                return null;
            }
            catch (SocketException ex)
            {
                return ex.SocketErrorCode;
            }
        }
    }

    /// <summary>The URLs with <paramref name="busy"/> moved to the first free port above it (the next port when none of 100 is free).</summary>
    private static string Suggestion(List<BindingAddress> urls, BindingAddress busy)
    {
        var probe = new ListenSockets();
        var port = Enumerable.Range(busy.Port + 1, Math.Min(100, IPEndPoint.MaxPort - busy.Port))
            .FirstOrDefault(p => probe.TryBind(WithPort(busy, p), keep: false) is null, busy.Port + 1);
        return string.Join(';', urls.Select(u => ReferenceEquals(u, busy) ? Text(WithPort(u, port)) : Text(u)));
    }

    private static BindingAddress WithPort(BindingAddress url, int port) =>
        BindingAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"{url.Scheme}://{url.Host}:{port}{url.PathBase}"));

    private static string Text(BindingAddress url) => string.Create(CultureInfo.InvariantCulture, $"{url.Scheme}://{url.Host}:{url.Port}{url.PathBase}");

    private static bool IsLocalhost(BindingAddress url) => string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase);
}
