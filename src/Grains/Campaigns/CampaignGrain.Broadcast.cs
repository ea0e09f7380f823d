using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Trunks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Campaigns;

// The Broadcast dialer's campaign side: which script version new calls hold, and on which trunk. How many calls a
// turn starts is BroadcastPacer's; placing them is CampaignDialer's.
public sealed partial class CampaignGrain
{
    /// <summary>How long a "latest version" lookup of the script is trusted before asking the database again.</summary>
    private static readonly TimeSpan ScriptRecheck = TimeSpan.FromSeconds(10);

    private (string ScriptId, int? Pinned, int Version, DateTimeOffset At)? resolvedScript;

    private string TrunkName => S.Definition.Trunk ?? TrunkGrain.DefaultTrunk;

    /// <summary>The script version new calls use; null (and the campaign paused) when the script is gone.</summary>
    private async Task<int?> ResolveScriptVersionAsync()
    {
        var d = S.Definition;
        var now = time.GetUtcNow();
        if (resolvedScript is { } r && r.ScriptId == d.AgentScriptId && r.Pinned == d.AgentScriptVersion && now - r.At < ScriptRecheck) return r.Version;
        var store = ServiceProvider.GetRequiredService<AgentScriptStore>();
        var scriptId = d.AgentScriptId ?? "";
        int? version = d.AgentScriptVersion is { } pinned
            ? (await store.GetAsync(scriptId, pinned) is null ? null : pinned)
            : await store.GetLatestVersionAsync(scriptId);
        if (version is not { } found)
        {
            // Dialing people with no conversation to give them would be worse than not dialing.
            LogScriptMissing(Id, scriptId, d.AgentScriptVersion);
            await StopPacingAsync();
            await MoveAsync(CampaignStatus.Paused);
            return null;
        }
        resolvedScript = (scriptId, d.AgentScriptVersion, found, now);
        return found;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {CampaignId}: agent script {ScriptId} (version {Version}) not found; campaign paused")]
    private partial void LogScriptMissing(string campaignId, string scriptId, int? version);

    /// <summary>
    /// This node's speech recognition, where calls carry real audio (the SIP trunk): a campaign's calls start in its
    /// silo (calls prefer local placement), so their conversations decode here. Null on the simulated carrier.
    /// </summary>
    private ContactCenter.Telephony.Speech.IRecognitionCapacity? SpeechCapacity =>
        ServiceProvider.GetService(typeof(ContactCenter.Telephony.Carrier.ICallMediaAccess)) is null ? null
        : ServiceProvider.GetService(typeof(ContactCenter.Telephony.Speech.IRecognitionCapacity)) as ContactCenter.Telephony.Speech.IRecognitionCapacity;

    private int? SpeechHeadroom() => SpeechCapacity?.AvailableConversations;
}
