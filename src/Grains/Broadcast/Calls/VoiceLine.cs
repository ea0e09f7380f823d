using System.Threading.Channels;
using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Rtp.Dtmf;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>
/// One call's line for <see cref="VoiceConversation"/>: queues the caller's audio and keys from the media threads and
/// feeds them, in order, from a single loop (the conversation is not thread-safe); plays each turn's prompts while
/// still listening, so the caller can barge in; tells the conversation when a prompt has finished.
/// </summary>
internal sealed class VoiceLine : IDisposable
{
    private static readonly TimeSpan FrameTime = TimeSpan.FromMilliseconds(20);
    private static readonly byte[] SilentFrame = PhoneAudio.EncodeMuLaw(new short[PhoneAudio.FrameSamples]);

    private readonly CallMedia media;
    private readonly VoiceConversation voice;
    private readonly ITextToSpeech speech;
    private readonly TimeProvider time;
    private readonly TimeSpan gapAsSilence;
    // Hears every frame the conversation's detector hears, in the same order, so it can decode answers as they come.
    private readonly ConversationRecognizer? listener;
    // Bounded: a stalled loop drops the oldest audio rather than growing without limit (about 10 s of frames).
    private readonly Channel<LineInput> inputs = Channel.CreateBounded<LineInput>(new BoundedChannelOptions(500)
    {
        FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
    });

    public VoiceLine(CallMedia media, VoiceConversation voice, ITextToSpeech speech, TimeProvider time, TimeSpan gapAsSilence, ConversationRecognizer? listener = null)
    {
        this.listener = listener;
        this.media = media;
        this.voice = voice;
        this.speech = speech;
        this.time = time;
        this.gapAsSilence = gapAsSilence;
        media.Session.AudioReceived += OnAudio;
        media.Session.DtmfReceived += OnDtmf;
    }

    /// <summary>The campaign the script transferred to, if it did.</summary>
    public string? TransferCampaign { get; private set; }

    /// <summary>Runs the conversation until the script ends (its closing played) or the call ends.</summary>
    /// <returns>The campaign the script transferred to, if it did.</returns>
    public async Task<string?> RunAsync(CancellationToken cancellationToken)
    {
        var session = voice.Session;
        Playback? playing = null;
        try
        {
            playing = Begin(await session.StartAsync(cancellationToken), cancellationToken);
            using var tick = new PeriodicTimer(FrameTime, time);
            var lastAudio = time.GetTimestamp();
            while (true)
            {
                if (playing is { Task.IsCompleted: true } done)
                {
                    playing = null;
                    await done.StopAsync(); // surfaces a speech tool failure
                    if (!session.IsComplete) voice.PromptFinished();
                }
                if (session.IsComplete && playing is null) return TransferCampaign;
                if (media.Ended.IsCompleted)
                {
                    if (!session.IsComplete) await session.HandleAsync(CallerInput.HangUp, cancellationToken);
                    return TransferCampaign;
                }

                AgentTurn? next = null;
                var heard = false;
                while (next is null && !session.IsComplete && inputs.Reader.TryRead(out var input))
                {
                    if (input.Digits is { } digits)
                    {
                        next = await voice.OnDtmfAsync(digits, cancellationToken);
                    }
                    else
                    {
                        heard = true;
                        listener?.OnFrame(input.Frame.Span);
                        next = await voice.OnAudioFrameAsync(input.Frame, cancellationToken);
                    }
                }
                if (heard)
                {
                    lastAudio = time.GetTimestamp();
                }
                else if (next is null && time.GetElapsedTime(lastAudio) > gapAsSilence)
                {
                    listener?.OnFrame(SilentFrame);
                    next = await voice.OnAudioFrameAsync(SilentFrame, cancellationToken);
                }
                if (next is not null)
                {
                    if (playing is not null && (next.Has(DirectiveKind.StopPlayback) || next.Has(DirectiveKind.Speak)))
                    {
                        await playing.StopAsync();
                        playing = null;
                    }
                    if (next.Has(DirectiveKind.Speak))
                    {
                        playing = Begin(next, cancellationToken);
                    }
                    else if (playing is null && !next.Has(DirectiveKind.StopPlayback) && !session.IsComplete)
                    {
                        voice.PromptFinished(); // nothing to say: listen at once
                    }
                }
                await tick.WaitForNextTickAsync(cancellationToken);
            }
        }
        finally
        {
            if (playing is not null) await playing.StopAsync();
        }
    }

    private Playback? Begin(AgentTurn turn, CancellationToken cancellationToken)
    {
        TransferCampaign = turn.Directives.LastOrDefault(d => d.Kind == DirectiveKind.Transfer)?.Campaign ?? TransferCampaign;
        var texts = turn.Directives.Where(d => d.Kind == DirectiveKind.Speak && !string.IsNullOrWhiteSpace(d.Text)).Select(d => d.Text!).ToList();
        if (texts.Count == 0)
        {
            if (!voice.Session.IsComplete) voice.PromptFinished();
            return null;
        }
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return new Playback(PlayAsync(texts, stop.Token), stop);
    }

    private async Task PlayAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        foreach (var text in texts)
        {
            var rendered = await speech.SynthesizeAsync(text, cancellationToken: cancellationToken);
            await media.Session.PlayAsync(AudioClip.FromG711(G711Law.MuLaw, rendered.MuLaw), cancellationToken);
        }
    }

    private void OnAudio(AudioFrame frame) => inputs.Writer.TryWrite(new LineInput(PhoneAudio.EncodeMuLaw(frame.Samples), null));

    private void OnDtmf(DtmfEvent e)
    {
        if (e.Digit is { } digit) inputs.Writer.TryWrite(new LineInput(default, digit.ToString()));
    }

    public void Dispose()
    {
        media.Session.AudioReceived -= OnAudio;
        media.Session.DtmfReceived -= OnDtmf;
        inputs.Writer.TryComplete();
    }

    private readonly record struct LineInput(ReadOnlyMemory<byte> Frame, string? Digits);

    private sealed class Playback(Task task, CancellationTokenSource stop)
    {
        public Task Task { get; } = task;

        /// <summary>Stops the prompt (barge-in, or the conversation is over) and waits for the player to let go.</summary>
        public async Task StopAsync()
        {
            await stop.CancelAsync();
            try
            {
                await Task;
            }
            catch (OperationCanceledException)
            {
                // Expected: the prompt was cut off.
            }
            finally
            {
                stop.Dispose();
            }
        }
    }
}
