using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Speech;

/// <summary>Chooses the recogniser for AI conversations: in process when libpocketsphinx loads, else one process per utterance.</summary>
public static partial class SpeechRecognizerFactory
{
    /// <summary>
    /// An <see cref="InProcessSpeechRecognizer"/>, or, when the library or model does not load, a
    /// <see cref="PocketSphinxRecognizer"/> with a warning: the conversations still work, only slower under load.
    /// </summary>
    /// <exception cref="ArgumentException">The limits are out of range.</exception>
    public static ISpeechRecognizer Create(PocketSphinxOptions? options, InProcessRecognitionOptions? limits, ILogger? logger)
    {
        options ??= new PocketSphinxOptions();
        try
        {
            var recognizer = new InProcessSpeechRecognizer(options, limits);
            if (logger is not null)
            {
                LogInProcess(logger, recognizer.Capacity.MaxConversations, Environment.ProcessorCount);
            }

            return recognizer;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or SpeechToolException)
        {
            if (logger is not null)
            {
                LogFallback(logger, ex.GetType().Name, ex.Message);
            }

            return new PocketSphinxRecognizer(options);
        }
    }

    /// <summary>The admission counter of a recogniser; unlimited for one without streaming.</summary>
    public static IRecognitionCapacity CapacityOf(ISpeechRecognizer recognizer) =>
        recognizer is IStreamingSpeechRecognizer streaming ? streaming.Capacity : new RecognitionAdmission(int.MaxValue, () => 0);
}
