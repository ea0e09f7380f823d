namespace ContactCenter.Silo.Tests.Hosting.TestGrains;

/// <summary>Reports every reminder tick to <see cref="ReminderProbe"/>.</summary>
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public Task StartAsync(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderProbe.Record(this.GetPrimaryKeyString(), reminderName);
        return Task.CompletedTask;
    }
}
