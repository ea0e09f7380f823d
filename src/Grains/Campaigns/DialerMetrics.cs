using System.Diagnostics.Metrics;
using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Campaigns;

/// <summary>
/// What the dialer does, as OpenTelemetry metrics (meter <see cref="MeterName"/>): attempts by
/// outcome, connected and abandoned calls, and the hopper's claims, each per campaign. The API
/// serves them, with the runtime's, ASP.NET Core's, Npgsql's and Orleans' own, at /metrics.
/// </summary>
public sealed class DialerMetrics
{
    public const string MeterName = "ContactCenter.Dialer";

    private readonly Counter<long> attempts;
    private readonly Counter<long> connected;
    private readonly Counter<long> abandoned;
    private readonly Histogram<double> claimDuration;
    private readonly Counter<long> leadsClaimed;

    public DialerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        attempts = meter.CreateCounter<long>("contact_center.call.attempts", "{call}", "Call attempts that ended, by campaign and outcome");
        connected = meter.CreateCounter<long>("contact_center.call.connected", "{call}", "Answered calls bridged to an agent or the AI agent");
        abandoned = meter.CreateCounter<long>("contact_center.call.abandoned", "{call}", "Answered calls that found no agent");
        claimDuration = meter.CreateHistogram<double>("contact_center.hopper.claim.duration", "s", "Time a campaign's hopper refill spent claiming leads in PostgreSQL");
        leadsClaimed = meter.CreateCounter<long>("contact_center.hopper.leads_claimed", "{lead}", "Leads the hopper claimed for dialing");
    }

    public void CallEnded(string campaignId, CallOutcome outcome, bool wasConnected, bool wasAbandoned)
    {
        var campaign = new KeyValuePair<string, object?>("campaign", campaignId);
        attempts.Add(1, campaign, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        if (wasConnected) connected.Add(1, campaign);
        if (wasAbandoned) abandoned.Add(1, campaign);
    }

    public void Claimed(string campaignId, int leads, TimeSpan took)
    {
        var campaign = new KeyValuePair<string, object?>("campaign", campaignId);
        claimDuration.Record(took.TotalSeconds, campaign);
        leadsClaimed.Add(leads, campaign);
    }
}
