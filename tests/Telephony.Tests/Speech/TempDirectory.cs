namespace ContactCenter.Telephony.Tests.Speech;

/// <summary>A scratch directory removed after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cc-speech-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
