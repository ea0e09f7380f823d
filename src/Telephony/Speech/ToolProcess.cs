using System.ComponentModel;
using System.Diagnostics;

namespace ContactCenter.Telephony.Speech;

/// <summary>Runs a command-line tool with arguments passed as a list (never through a shell), bytes in and out.</summary>
internal static class ToolProcess
{
    public static async Task<byte[]> RunAsync(string fileName, IEnumerable<string> arguments, byte[]? stdin, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new SpeechToolException($"Cannot start '{fileName}': {ex.Message}. Is the Debian package installed?", ex);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // Read both pipes while writing stdin: a tool that fills its stdout pipe would otherwise block forever.
            var output = ReadAllAsync(process.StandardOutput.BaseStream, deadline.Token);
            var errors = process.StandardError.ReadToEndAsync(deadline.Token);
            await WriteInputAsync(process, stdin, deadline.Token).ConfigureAwait(false);
            var bytes = await output.ConfigureAwait(false);
            var stderr = await errors.ConfigureAwait(false);
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new SpeechToolException($"'{fileName}' exited with code {process.ExitCode}: {Tail(stderr)}");
            }

            return bytes;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new SpeechToolException($"'{fileName}' did not finish within {timeout.TotalSeconds:0.#} s.");
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
        catch (IOException ex)
        {
            Kill(process);
            throw new SpeechToolException($"'{fileName}' closed its pipes early: {ex.Message}", ex);
        }
    }

    private static async Task WriteInputAsync(Process process, byte[]? stdin, CancellationToken cancellationToken)
    {
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool quit before reading its input (a bad voice name, for one); its exit code and stderr say why.
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 400 ? trimmed : trimmed[^400..];
    }
}
