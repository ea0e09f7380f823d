using System.Runtime.InteropServices;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>POSIX signals to a process: .NET's Process.Kill only sends SIGKILL.</summary>
internal static class Signals
{
    public const int Term = 15;
    public const int Kill = 9;

    public static void Send(int pid, int signal)
    {
        if (SysKill(pid, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            // ESRCH: it has already gone, which is what we wanted.
            if (errno != 3) throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {errno}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
