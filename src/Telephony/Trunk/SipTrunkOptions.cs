using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ContactCenter.Telephony.Trunk;

/// <summary>The SIP trunk of a silo (configuration section "ContactCenter:Sip").</summary>
public sealed class SipTrunkOptions : IValidatableObject
{
    public const string Section = "ContactCenter:Sip";

    /// <summary>The carrier's SIP proxy host name or address.</summary>
    [Required] public string ProxyHost { get; set; } = "";

    [Range(1, 65535)] public int ProxyPort { get; set; } = 5060;

    /// <summary>"udp" or "tcp", towards the proxy.</summary>
    [RegularExpression("^(?i:udp|tcp)$")] public string Transport { get; set; } = "udp";

    /// <summary>The local address SIP binds to and puts in Via/Contact (a concrete address).</summary>
    [Required] public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The local SIP port; 0 picks a free one.</summary>
    [Range(0, 65535)] public int BindPort { get; set; } = 5060;

    /// <summary>Digest user name for 401/407 challenges; none when empty.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Limits the credentials to one realm when set.</summary>
    public string? Realm { get; set; }

    /// <summary>Caller ID (E.164) for calls whose campaign sets none.</summary>
    public string? DefaultCallerId { get; set; }

    public string? CallerDisplayName { get; set; }

    /// <summary>The address RTP binds to and announces in SDP; <see cref="BindAddress"/> when empty.</summary>
    public string? RtpAddress { get; set; }

    /// <summary>First RTP port (even); 0 together with <see cref="RtpPortMax"/> 0 lets the system choose.</summary>
    [Range(0, 65535)] public int RtpPortMin { get; set; } = 20000;

    [Range(0, 65535)] public int RtpPortMax { get; set; } = 29999;

    /// <summary>Screen answered calls for answering machines (Failed/Voicemail on a machine).</summary>
    public bool AnsweringMachineDetection { get; set; }

    /// <summary>The longest a person waits in silence while AMD listens.</summary>
    [Range(1.0, 30.0)] public double AmdMaxSeconds { get; set; } = 5;

    /// <summary>Ring time before NoAnswer when the campaign sets none.</summary>
    [Range(1, 600)] public int RingTimeoutSeconds { get; set; } = 30;

    /// <summary>Ring time of an agent's phone when the system opens the agent's channel.</summary>
    [Range(1, 600)] public int AgentRingTimeoutSeconds { get; set; } = 20;

    /// <summary>Caller ID shown on agents' phones for their channel call.</summary>
    public string AgentCallerId { get; set; } = "dialer";

    public bool IsTcp => Transport.Equals("tcp", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(BindAddress, out var bind))
        {
            yield return new ValidationResult($"BindAddress '{BindAddress}' is not an IP address.", [nameof(BindAddress)]);
        }
        else if (bind.Equals(IPAddress.Any) || bind.Equals(IPAddress.IPv6Any))
        {
            yield return new ValidationResult("BindAddress must be a concrete address: it goes into Via, Contact and SDP.", [nameof(BindAddress)]);
        }
        if (!string.IsNullOrEmpty(RtpAddress) && !IPAddress.TryParse(RtpAddress, out _))
        {
            yield return new ValidationResult($"RtpAddress '{RtpAddress}' is not an IP address.", [nameof(RtpAddress)]);
        }
        else if (IPAddress.TryParse(string.IsNullOrEmpty(RtpAddress) ? BindAddress : RtpAddress, out var rtp))
        {
            foreach (var problem in new RtpPortRange(rtp, RtpPortMin, RtpPortMax).Validate())
            {
                yield return new ValidationResult(problem, [nameof(RtpPortMin), nameof(RtpPortMax)]);
            }
        }
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Username and Password go together.", [nameof(Username), nameof(Password)]);
        }
        if (!string.IsNullOrEmpty(DefaultCallerId) && !E164.IsValid(DefaultCallerId))
        {
            yield return new ValidationResult($"DefaultCallerId '{DefaultCallerId}' is not an E.164 number (+ and up to 15 digits).", [nameof(DefaultCallerId)]);
        }
        if (Uri.CheckHostName(ProxyHost) == UriHostNameType.Unknown)
        {
            yield return new ValidationResult($"ProxyHost '{ProxyHost}' is not a host name or address.", [nameof(ProxyHost)]);
        }
    }
}
