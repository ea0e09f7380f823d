namespace ContactCenter.Silo.Database;

/// <summary>The exit code and combined stdout/stderr of a finished process.</summary>
internal sealed record ProcessResult(int ExitCode, string Output);
