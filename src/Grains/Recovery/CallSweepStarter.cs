using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Recovery;

/// <summary>
/// Runs in every silo and asks the sweep grain to run every <see cref="CallSweep.Period"/>: when the silo
/// holding the sweep dies, the next ask from a live silo activates it there.
/// </summary>
public sealed partial class CallSweepStarter(IGrainFactory grains, TimeProvider time, ILogger<CallSweepStarter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(CallSweep.Period, time);
        do
        {
            try
            {
                await grains.GetGrain<ICallSweepGrain>(CallSweep.Key).StartAsync().WaitAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // The silo is still joining, the sweep's silo not yet declared dead, the database away.
                LogNotStarted(ex.GetType().Name, ex.Message);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call sweep not started ({Error}: {Reason}); retrying")]
    private partial void LogNotStarted(string error, string reason);
}
