using ContactCenter.Telephony.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>What every transaction needs from below and from the clock.</summary>
internal sealed record SipTransactionContext(SipTransport Transport, TimeProvider TimeProvider, SipTimerOptions Timers, ILogger Logger);
