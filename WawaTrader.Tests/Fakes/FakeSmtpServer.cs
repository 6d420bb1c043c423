using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace WawaTrader.Tests.Fakes;

/// <summary>One message as the fake SMTP server received it: the envelope (sender, recipients), the user that authenticated, and the parsed message.</summary>
internal sealed record ReceivedMail(string From, IReadOnlyList<string> To, string? User, MimeMessage Message);

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 with a random port, plain text (no TLS). With a user and password it
/// advertises AUTH PLAIN/LOGIN, requires it and refuses other credentials with 535. Each DATA first takes the next scripted reply
/// (e.g. 421), if any; while <see cref="Hold"/> is on it answers DATA only when released (a silent server). Each test starts its own.
/// </summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly ConcurrentQueue<SmtpResponse> _script = new();
    private volatile TaskCompletionSource _gate = Open();
    private int _attempts;

    private FakeSmtpServer(int port, string? user, string? password)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("fake-smtp.test")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))
                .AllowUnsecureAuthentication(true)
                .AuthenticationRequired(user is not null))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        if (user is not null) services.Add(new DelegatingUserAuthenticator((u, p) => u == user && p == password));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    /// <summary>DATA commands answered or held so far (each delivery attempt that got that far).</summary>
    public int DataAttempts => Volatile.Read(ref _attempts);

    /// <summary>Starts a server; with <paramref name="user"/> it requires AUTH with that user and <paramref name="password"/>.</summary>
    public static FakeSmtpServer Start(string? user = null, string? password = null) => new(FreePort(), user, password);

    /// <summary>The next DATA commands answer these replies instead of accepting the message.</summary>
    public void Enqueue(params SmtpResponse[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    /// <summary>A reply with any code (SmtpServer names only some).</summary>
    public static SmtpResponse Reply(int code, string message) => new((SmtpReplyCode)code, message);

    /// <summary>From now on DATA is answered only after <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    /// <summary>A free loopback port (bound and released at once; the server binds it right after).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _stop.CancelAsync();
        try { await _running; }
        catch (OperationCanceledException) { /* stopped */ }
        _stop.Dispose();
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private sealed class Store(FakeSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref server._attempts);
            await server._gate.Task.WaitAsync(cancellationToken);
            if (server._script.TryDequeue(out var scripted)) return scripted;
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var user = context.Authentication.IsAuthenticated ? context.Authentication.User : null;
            server._received.Enqueue(new ReceivedMail(transaction.From.AsAddress(), [.. transaction.To.Select(t => t.AsAddress())], user, message));
            return SmtpResponse.Ok;
        }
    }
}
