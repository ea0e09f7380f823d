namespace ContactCenter.Silo.Tests.Hosting.TestGrains;

[Alias("silo-tests.reminder-probe")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);
}
