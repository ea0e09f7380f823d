using System.Globalization;
using System.Runtime.ExceptionServices;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Common;

/// <summary>
/// Reads one grain per id, all at once, for the list endpoints. A grain that cannot be read (its
/// stored state is damaged, its silo is gone) is logged and left out, so one bad entity never takes
/// down a list (issue 12); the ids left out go back to the client in <see cref="HeaderName"/>.
/// </summary>
public sealed partial class GrainFanOut(ILogger<GrainFanOut> logger)
{
    /// <summary>Comma-separated ids a list left out because they could not be read.</summary>
    public const string HeaderName = "X-Unreadable-Ids";

    /// <summary>How many ids were left out in all, when <see cref="HeaderName"/> lists fewer.</summary>
    public const string CountHeaderName = "X-Unreadable-Count";

    /// <summary>
    /// The header stays short enough for proxies and clients that cap a response header at 4-16 KB
    /// (nginx, Node); a mass failure lists the first ids and says how many there are.
    /// </summary>
    public const int MaxIdsInHeader = 50;

    /// <summary>
    /// How long one entity may take. A grain on a silo that just died answers only when the cluster has
    /// declared the silo dead (seconds) or at Orleans' 30 s call timeout; the list must not wait for it.
    /// </summary>
    public static readonly TimeSpan EntityTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a list waits for the directory of ids. On a silo that just died it answers once the
    /// cluster declares the silo dead and activates it elsewhere; past this, the list answers 503.
    /// </summary>
    public static readonly TimeSpan DirectoryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The OpenAPI description of a list endpoint that fans out over grains.</summary>
    public const string ListDescription =
        "Entities whose grain cannot be read are left out; their ids are in the X-Unreadable-Ids response header (comma-separated, the first 50) and their number in X-Unreadable-Count.";

    /// <summary>
    /// Calls <paramref name="read"/> for every id. An entity whose grain says it no longer exists
    /// (<see cref="EntityNotFoundException"/>: deleted since the directory was read) is silently left
    /// out; any other failure is logged and reported in <see cref="FanOutResult{T}.Unreadable"/>.
    /// When nothing could be read and every failure means "cluster or database unavailable", the first
    /// one is thrown instead: an outage answers 503, not an empty list that looks like no data.
    /// </summary>
    public async Task<FanOutResult<T>> ReadAllAsync<T>(string entity, IEnumerable<string> ids, Func<string, Task<T>> read)
    {
        var attempts = await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                return new Attempt<T>(id, await read(id).WaitAsync(EntityTimeout), null);
            }
            catch (EntityNotFoundException)
            {
                return new Attempt<T>(id, default, null, Gone: true);
            }
            catch (Exception exception)
            {
                return new Attempt<T>(id, default, exception);
            }
        }));

        var items = new List<T>(attempts.Length);
        var unreadable = new List<UnreadableEntry>();
        var failures = new List<(Exception Exception, Failure Failure)>();
        foreach (var attempt in attempts)
        {
            if (attempt.Error is { } error)
            {
                var failure = FailureClassifier.Classify(error);
                LogUnreadable(logger, entity, attempt.Id, failure.Kind, failure.Cause, error);
                unreadable.Add(new UnreadableEntry(attempt.Id, failure.Describe()));
                failures.Add((error, failure));
            }
            else if (!attempt.Gone)
            {
                items.Add(attempt.Value!);
            }
        }
        if (items.Count == 0 && failures.Count > 0 && failures.All(f => f.Failure.Kind == FailureKind.Unavailable))
            ExceptionDispatchInfo.Throw(failures[0].Exception);
        return new FanOutResult<T>(items, unreadable);
    }

    /// <summary>Puts the ids left out into the response headers; nothing when none were.</summary>
    public static void ReportUnreadable(HttpResponse response, IReadOnlyCollection<UnreadableEntry> unreadable)
    {
        if (unreadable.Count == 0) return;
        // Ids are ours (hex, digits, [A-Za-z0-9._-]); a comma or non-ASCII character would break the list.
        response.Headers[HeaderName] = string.Join(',', unreadable.Take(MaxIdsInHeader).Select(u => Uri.EscapeDataString(u.Id)));
        response.Headers[CountHeaderName] = unreadable.Count.ToString(CultureInfo.InvariantCulture);
    }

    private readonly record struct Attempt<T>(string Id, T? Value, Exception? Error, bool Gone = false);
}
