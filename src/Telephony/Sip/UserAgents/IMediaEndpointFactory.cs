namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>Creates the media endpoint of a new call (bound to a free RTP port).</summary>
public interface IMediaEndpointFactory
{
    /// <param name="callId">The application call id, for logs and correlation.</param>
    ValueTask<IMediaEndpoint> CreateAsync(string callId, CancellationToken cancellationToken = default);
}
