using System.Data.Common;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;

namespace ContactCenter.Api.Problems;

/// <summary>
/// Reads an exception chain (inner exceptions and every branch of an <see cref="AggregateException"/>)
/// and says whether it means "the cluster or database is away for now", "this grain's stored state is
/// unreadable", "the stored state changed under us" or something we do not recognise.
/// </summary>
/// <remarks>
/// Orleans hands the caller the exception that failed an activation, so a grain whose state cannot be
/// read arrives as the storage bridge's <see cref="OrleansException"/> ("Error from storage provider ...
/// during ReadStateAsync for grain campaign/abc") around the codec's or the driver's own exception.
/// That message is the only place the failed grain is named, hence the pattern below.
/// </remarks>
public static partial class FailureClassifier
{
    // A cycle or a pathological nesting must not hang an error path.
    private const int MaxChainLength = 64;

    private const string StoragePrefix = "Error from storage provider";

    public static Failure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var chain = Chain(exception).ToList();

        // The database or the network being away explains everything above it, including a storage
        // read that failed: that grain is fine and will load once PostgreSQL answers again.
        if (chain.FirstOrDefault(IsTransientInfrastructure) is { } transient)
            return new Failure(FailureKind.Unavailable, Name(transient));

        var storage = chain.OfType<OrleansException>().FirstOrDefault(e => e.Message.StartsWith(StoragePrefix, StringComparison.Ordinal));
        var (grainType, grainKey) = storage is null ? (null, null) : GrainOf(storage.Message);

        if (chain.FirstOrDefault(IsCodecError) is { } codec)
            return new Failure(FailureKind.StateUnreadable, Name(codec), grainType, grainKey);

        if (chain.OfType<InconsistentStateException>().FirstOrDefault() is { } inconsistent)
            return new Failure(FailureKind.Conflict, Name(inconsistent), grainType, grainKey);

        if (chain.FirstOrDefault(IsClusterUnavailable) is { } cluster)
            return new Failure(FailureKind.Unavailable, Name(cluster));

        if (storage is not null)
        {
            // A read that failed for a reason that is neither the network nor the codec (a stored row the
            // provider cannot make sense of) still leaves the grain unable to activate until someone looks.
            var cause = Name(storage.InnerException ?? storage);
            return storage.Message.Contains("during ReadStateAsync", StringComparison.Ordinal)
                ? new Failure(FailureKind.StateUnreadable, cause, grainType, grainKey)
                : new Failure(FailureKind.Unavailable, cause, grainType, grainKey);
        }
        return new Failure(FailureKind.Other, Name(exception));
    }

    /// <summary>The exception and everything it wraps, depth first, each at most once.</summary>
    public static IEnumerable<Exception> Chain(Exception exception)
    {
        var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0 && seen.Count < MaxChainLength)
        {
            var current = pending.Pop();
            if (!seen.Add(current)) continue;
            yield return current;
            if (current is AggregateException aggregate)
            {
                for (var i = aggregate.InnerExceptions.Count - 1; i >= 0; i--) pending.Push(aggregate.InnerExceptions[i]);
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }

    /// <summary>
    /// PostgreSQL refusing or dropping connections, a pool waiting in vain, a socket error. Npgsql sets
    /// IsTransient for I/O, socket and timeout causes and for the server's "cannot connect now",
    /// "admin shutdown", "too many connections" and serialization failures.
    /// </summary>
    private static bool IsTransientInfrastructure(Exception e) =>
        e is DbException { IsTransient: true } or SocketException
            || (e is PostgresException p && IsConnectionState(p.SqlState));

    /// <summary>
    /// PostgreSQL's own words for "not now", whatever a driver version thinks transient: class 08
    /// (connection exception), 57P01-57P03 (admin or crash shutdown, "the database system is starting
    /// up": what a <c>pg_ctl restart -m fast</c> sends) and 53300 (too many connections).
    /// </summary>
    private static bool IsConnectionState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03" or "53300";

    /// <summary>Orleans could not reach a silo, a gateway or an answer in time.</summary>
    private static bool IsClusterUnavailable(Exception e) =>
        e is OrleansMessageRejectionException // includes SiloUnavailableException
            or ConnectionFailedException
            or GatewayTooBusyException
            or ClientNotAvailableException
            or TimeoutException;

    /// <summary>
    /// The serializer met bytes or a type name it will not turn into an object: the state of a grain
    /// written by another build (issue 12: a compiler-generated collection type "is not allowed" in a
    /// fresh process), or a damaged row. Grain state is stored as JSON (Newtonsoft, through Orleans'
    /// JSON storage serializer); the Orleans codec's own errors count too, for messages and older rows.
    /// </summary>
    private static bool IsCodecError(Exception e) =>
        e is SerializerException or TypeLoadException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException
            || (e is InvalidOperationException && e.Message.Contains("is not allowed", StringComparison.Ordinal));

    private static (string? Type, string? Key) GrainOf(string message)
    {
        var match = GrainPattern().Match(message);
        return match.Success ? (match.Groups["type"].Value, match.Groups["key"].Value) : (null, null);
    }

    private static string Name(Exception e) => e.GetType().Name;

    // GrainId prints as "type/key"; the message goes on with " Error: ..." or a new line.
    [GeneratedRegex(@"for grain (?<type>[^/\s]+)/(?<key>[^\s]+)", RegexOptions.CultureInvariant)]
    private static partial Regex GrainPattern();
}
