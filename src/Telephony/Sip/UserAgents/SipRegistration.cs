using System.Globalization;
using ContactCenter.Telephony.Sip.Authentication;
using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>
/// A REGISTER binding kept alive (RFC 3261 §10.2): one Call-ID with rising CSeq, a refresh before
/// the granted lifetime runs out, digest challenges answered once per request with the
/// credentials cached for the refreshes (§22.3), and Expires: 0 to remove the binding.
/// </summary>
public sealed class SipRegistration : IAsyncDisposable
{
    private readonly SipUserAgent userAgent;
    private readonly SipRegistrationOptions options;
    private readonly string callId = $"{Guid.NewGuid():N}@reg";
    private readonly string fromTag = SipOutboundCall.NewTag();
    private readonly SemaphoreSlim sending = new(1, 1);
    private long cseq;
    private ITimer? refreshTimer;
    private (DigestChallenge Challenge, string Header)? cachedChallenge;
    private int nonceCount;
    private volatile bool stopped;

    internal SipRegistration(SipUserAgent userAgent, SipRegistrationOptions options)
    {
        this.userAgent = userAgent;
        this.options = options;
    }

    /// <summary>True after a 2xx to our last REGISTER with a non-zero lifetime.</summary>
    public bool IsRegistered { get; private set; }

    /// <summary>When the current binding runs out, or null.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>How many REGISTER requests reached a 2xx (the first one plus refreshes).</summary>
    public int SuccessfulRegistrations { get; private set; }

    /// <summary>The final response of the last attempt.</summary>
    public SipResponse? LastResponse { get; private set; }

    /// <summary>Registers and schedules refreshes. Returns false when the registrar refused.</summary>
    public Task<bool> RegisterAsync(CancellationToken cancellationToken = default)
    {
        stopped = false;
        return SendAsync(options.Expires, cancellationToken);
    }

    /// <summary>Removes the binding (Expires: 0) and stops refreshing.</summary>
    public async Task<bool> UnregisterAsync(CancellationToken cancellationToken = default)
    {
        stopped = true;
        refreshTimer?.Dispose();
        refreshTimer = null;
        return await SendAsync(TimeSpan.Zero, cancellationToken);
    }

    private async Task<bool> SendAsync(TimeSpan expires, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            if (stopped && expires > TimeSpan.Zero) return false;
            var destination = await userAgent.Layer.Transport.ResolveAsync(userAgent.Options.OutboundProxy ?? options.Registrar, cancellationToken);
            var request = Build(expires, cachedChallenge);
            var response = await userAgent.Layer.SendRequest(request, destination).FinalResponse.WaitAsync(cancellationToken);
            if (response.StatusCode is SipStatus.Unauthorized or SipStatus.ProxyAuthenticationRequired && Challenge(response) is { } challenge)
            {
                // A fresh challenge (or a stale cached nonce): answer it once.
                cachedChallenge = challenge;
                nonceCount = 0;
                response = await userAgent.Layer.SendRequest(Build(expires, challenge), destination).FinalResponse.WaitAsync(cancellationToken);
            }
            LastResponse = response;
            if (!response.IsSuccess)
            {
                IsRegistered = false;
                return false;
            }
            SuccessfulRegistrations++;
            var granted = GrantedLifetime(response, expires);
            IsRegistered = granted > TimeSpan.Zero;
            ExpiresAt = IsRegistered ? userAgent.TimeProvider.GetUtcNow() + granted : null;
            if (IsRegistered && !stopped) ScheduleRefresh(granted * options.RefreshAt);
            return true;
        }
        finally
        {
            sending.Release();
        }
    }

    private void ScheduleRefresh(TimeSpan after)
    {
        refreshTimer?.Dispose();
        refreshTimer = userAgent.TimeProvider.CreateTimer(_ => _ = RefreshAsync(), null, after, Timeout.InfiniteTimeSpan);
    }

    private async Task RefreshAsync()
    {
        // A refresh that fired just before UnregisterAsync must not bring the binding back.
        if (stopped) return;
        try
        {
            await SendAsync(options.Expires, CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            IsRegistered = false;
        }
    }

    private (DigestChallenge, string)? Challenge(SipResponse response)
    {
        if (userAgent.Options.Credentials is not { } credentials) return null;
        var challenge = DigestAuthenticator.Choose(DigestAuthenticator.ChallengesOf(response));
        if (challenge is null || (credentials.Realm is { } realm && realm != challenge.Realm)) return null;
        return (challenge, response.StatusCode == SipStatus.Unauthorized ? SipHeaderNames.Authorization : SipHeaderNames.ProxyAuthorization);
    }

    private SipRequest Build(TimeSpan expires, (DigestChallenge Challenge, string Header)? auth)
    {
        var request = new SipRequest(SipMethods.Register, options.Registrar);
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.From = new SipAddress(options.AddressOfRecord).WithTag(fromTag);
        request.To = new SipAddress(options.AddressOfRecord);
        request.CallId = callId;
        request.CSeq = new SipCSeq(Interlocked.Increment(ref cseq), SipMethods.Register);
        request.Headers.Add(SipHeaderNames.Contact, userAgent.ContactFor(options.Registrar).ToString());
        request.Headers.Add(SipHeaderNames.Expires, ((int)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        userAgent.Decorate(request);
        if (auth is { } a && userAgent.Options.Credentials is { } credentials)
        {
            var value = DigestAuthenticator.CreateAuthorization(a.Challenge, credentials, SipMethods.Register, options.Registrar.ToString(), default, SipOutboundCall.NewTag(), ++nonceCount);
            request.Headers.Add(a.Header, value);
        }
        return request;
    }

    // §10.2.4: the registrar's answer is the Contact expires parameter, else the Expires header.
    private static TimeSpan GrantedLifetime(SipResponse response, TimeSpan requested)
    {
        if (response.Contact?.Parameters["expires"] is { } p && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var fromContact)) return TimeSpan.FromSeconds(fromContact);
        if (response.Headers.Get(SipHeaderNames.Expires) is { } e && int.TryParse(e.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var fromHeader)) return TimeSpan.FromSeconds(fromHeader);
        return requested;
    }

    public ValueTask DisposeAsync()
    {
        refreshTimer?.Dispose();
        sending.Dispose();
        return ValueTask.CompletedTask;
    }
}
