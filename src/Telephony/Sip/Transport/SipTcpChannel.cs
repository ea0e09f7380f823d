using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Telephony.Sip.Messages;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>
/// A TCP listener plus the connections it accepted or opened, keyed by remote address so a
/// response goes back over the connection its request came on (RFC 3261 §18.2.2).
/// </summary>
public sealed partial class SipTcpChannel : ISipChannel
{
    private readonly Socket listener;
    private readonly ILogger logger;
    private readonly int maxMessageSize;
    private readonly ConcurrentDictionary<IPEndPoint, SipTcpConnection> connections = new();
    private readonly ConcurrentDictionary<Task, byte> readers = new();
    private readonly SemaphoreSlim connectLock = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private Func<SipChannelPacket, ValueTask>? onReceived;
    private Task? acceptLoop;

    public SipTcpChannel(IPEndPoint bindTo, ILogger<SipTcpChannel> logger, int maxMessageSize = 64 * 1024)
    {
        this.logger = logger;
        this.maxMessageSize = maxMessageSize;
        listener = new Socket(bindTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(bindTo);
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    public SipProtocol Protocol => SipProtocol.Tcp;

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Open connections (for tests and diagnostics).</summary>
    public int ConnectionCount => connections.Count;

    public void Start(Func<SipChannelPacket, ValueTask> onReceived)
    {
        if (this.onReceived is not null) throw new InvalidOperationException("The channel is already started.");
        this.onReceived = onReceived;
        listener.Listen(128);
        acceptLoop = Task.Run(() => AcceptLoopAsync(stopping.Token));
    }

    public async ValueTask SendAsync(IPEndPoint remote, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var connection = await GetOrConnectAsync(remote, cancellationToken);
        try
        {
            await connection.SendAsync(data, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The peer closed an idle connection under us: drop it and try once on a fresh one.
            connections.TryRemove(new KeyValuePair<IPEndPoint, SipTcpConnection>(remote, connection));
            await connection.DisposeAsync();
            var fresh = await GetOrConnectAsync(remote, cancellationToken);
            await fresh.SendAsync(data, cancellationToken);
        }
    }

    private async ValueTask<SipTcpConnection> GetOrConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        if (connections.TryGetValue(remote, out var existing)) return existing;
        await connectLock.WaitAsync(cancellationToken);
        try
        {
            if (connections.TryGetValue(remote, out existing)) return existing;
            var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(remote, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            var connection = new SipTcpConnection(socket, remote, maxMessageSize);
            Track(connection);
            return connection;
        }
        finally
        {
            connectLock.Release();
        }
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                LogAcceptFailed(logger, ex.SocketErrorCode);
                continue;
            }
            socket.NoDelay = true;
            Track(new SipTcpConnection(socket, (IPEndPoint)socket.RemoteEndPoint!, maxMessageSize));
        }
    }

    private void Track(SipTcpConnection connection)
    {
        if (!connections.TryAdd(connection.Remote, connection))
        {
            _ = connection.DisposeAsync();
            return;
        }
        var reader = Task.Run(() => ReadAsync(connection));
        readers.TryAdd(reader, 0);
        _ = reader.ContinueWith(t => readers.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task ReadAsync(SipTcpConnection connection)
    {
        try
        {
            await connection.ReadLoopAsync(onReceived!, stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (SipParseException ex)
        {
            // A stream that lost its framing cannot be trusted again: drop the connection.
            LogFramingError(logger, connection.Remote, ex.Message);
        }
        catch (SocketException ex)
        {
            LogConnectionError(logger, connection.Remote, ex.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            connections.TryRemove(new KeyValuePair<IPEndPoint, SipTcpConnection>(connection.Remote, connection));
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        if (acceptLoop is not null) await acceptLoop;
        foreach (var connection in connections.Values) await connection.DisposeAsync();
        await Task.WhenAll(readers.Keys);
        connectLock.Dispose();
        stopping.Dispose();
    }
}
