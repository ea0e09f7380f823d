using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Recovery;

/// <summary>
/// Finds calls whose silo died. Every lead with a call in flight or awaiting its disposition names that
/// call; poking the call activates it where it lives, or, when its silo is gone, in a live silo, where
/// it finds itself stored live with no carrier leg and ends itself as lost (<see cref="CallGrain"/>).
/// A reminder keeps the sweep registered across silo deaths, and every silo's <see cref="CallSweepStarter"/>
/// wakes it within seconds of one, rather than at the reminder's next minute.
/// </summary>
public sealed partial class CallSweepGrain(LeadStore leads, ILogger<CallSweepGrain> logger) : Grain, ICallSweepGrain, IRemindable
{
    private const string Reminder = "call-sweep";
    private const int PageSize = 500;
    // Pokes in flight at once: each is one grain call, most answered from memory.
    private const int Parallelism = 64;
    private IGrainTimer? timer;
    private bool sweeping;

    public async Task StartAsync()
    {
        if (timer is not null) return;
        timer = this.RegisterGrainTimer(SweepTickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, CallSweep.Period) { Interleave = false, KeepAlive = true });
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        // After a restart or a silo's death, Running campaigns pick up dialing now rather than at their reminder's next tick.
        await WakeCampaignsAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => StartAsync();

    private async Task SweepTickAsync()
    {
        try
        {
            await SweepAsync();
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            // The database is away: the next tick tries again.
            LogSweepFailed(ex.Message);
        }
    }

    public async Task<int> SweepAsync()
    {
        if (sweeping) return 0;
        sweeping = true;
        try
        {
            var looked = 0;
            var after = 0L;
            while (true)
            {
                var page = await leads.LiveCallsAsync(after, PageSize);
                if (page.Count == 0) break;
                after = page[^1].LeadId;
                looked += page.Count;
                foreach (var chunk in page.Chunk(Parallelism)) await Task.WhenAll(chunk.Select(c => PokeAsync(c.LeadId, c.CallId)));
                if (page.Count < PageSize) break;
            }
            return looked;
        }
        finally
        {
            sweeping = false;
        }
    }

    private async Task PokeAsync(long leadId, string callId)
    {
        try
        {
            await GrainFactory.GetGrain<ICallGrain>(callId).SuperviseAsync(leadId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Its silo not yet declared dead, the database away: the next pass tries again.
            LogPokeFailed(callId, ex.GetType().Name, ex.Message);
        }
    }

    private async Task WakeCampaignsAsync()
    {
        var campaigns = await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns).ListAsync();
        foreach (var chunk in campaigns.Chunk(Parallelism))
        {
            await Task.WhenAll(chunk.Select(async entry =>
            {
                try
                {
                    await GrainFactory.GetGrain<ICampaignGrain>(entry.Id).WakeAsync();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogWakeFailed(entry.Id, ex.GetType().Name);
                }
            }));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call sweep: pass failed: {Reason}")]
    private partial void LogSweepFailed(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call sweep: call {CallId} not reached ({Error}: {Reason})")]
    private partial void LogPokeFailed(string callId, string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call sweep: campaign {CampaignId} could not be woken ({Error})")]
    private partial void LogWakeFailed(string campaignId, string error);
}
