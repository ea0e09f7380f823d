namespace ContactCenter.Telephony.Speech;

/// <summary>
/// One conversation's decoder. The caller's thread only queues commands; a <see cref="DecodeWorkerPool"/> thread
/// runs them in order, one thread at a time per stream, so audio is decoded as it arrives and the decoder is
/// never used by two threads. The decoder is rented on a worker at the first utterance (loading one takes a
/// moment, which must not stall the call) and handed back when the stream is disposed. The end of an utterance
/// jumps the pool's queue: a caller is waiting for that answer, while other streams' frames can wait a little.
/// </summary>
internal sealed class RecognitionStream : ISpeechRecognitionStream, IDecodeWork
{
    private readonly Queue<Command> commands = new();
    private readonly DecodeWorkerPool workers;
    private readonly DecoderPool decoders;
    private readonly Action? released;
    private readonly int maxSamples;
    private readonly double? rejectBelow;
    // In the pool's ordinary queue, in its priority queue, or running on a worker (at most one at a time). A stream
    // may sit in both queues; whichever entry a worker takes first runs it, the other finds nothing to do.
    private bool queued;
    private bool promoted;
    private bool running;
    private bool disposed;

    // Caller side.
    private bool started;
    private int samples;

    // Worker side.
    private PocketSphinxDecoder? decoder;
    private bool broken;
    private Exception? fault;

    /// <param name="rejectBelow">An utterance the grammar fits worse than this (<see cref="PocketSphinxDecoder.LastFit"/>) is out of grammar.</param>
    public RecognitionStream(JsgfGrammar grammar, DecodeWorkerPool workers, DecoderPool decoders, TimeSpan maxUtterance, Action? released, double? rejectBelow = null)
    {
        Grammar = grammar ?? throw new ArgumentNullException(nameof(grammar));
        this.workers = workers;
        this.decoders = decoders;
        this.released = released;
        this.rejectBelow = rejectBelow;
        maxSamples = (int)Math.Min(int.MaxValue, maxUtterance.TotalSeconds * PhoneAudio.SampleRate);
    }

    public JsgfGrammar Grammar { get; }

    public void StartUtterance()
    {
        started = true;
        samples = 0;
        Enqueue(new Command(CommandKind.Start, null, null, default));
    }

    public void Write(ReadOnlySpan<short> pcm8k)
    {
        if (!started)
        {
            throw new InvalidOperationException("Start an utterance before writing audio.");
        }

        // Answers to a prompt are short; a line that never goes quiet is cut like the process recogniser cuts it.
        var take = Math.Min(pcm8k.Length, maxSamples - samples);
        if (take > 0)
        {
            samples += take;
            Enqueue(new Command(CommandKind.Audio, pcm8k[..take].ToArray(), null, default));
        }
    }

    public Task<RecognitionResult> EndUtteranceAsync(CancellationToken cancellationToken = default)
    {
        if (!started)
        {
            return Task.FromResult(new RecognitionResult("", TimeSpan.Zero));
        }

        started = false;
        var result = new TaskCompletionSource<RecognitionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new Command(CommandKind.End, null, result, TimeSpan.FromSeconds(samples / (double)PhoneAudio.SampleRate)));
        return result.Task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        lock (commands)
        {
            if (disposed)
            {
                return;
            }
        }

        try
        {
            Enqueue(new Command(CommandKind.Release, null, null, default));
        }
        catch (ObjectDisposedException)
        {
            // The recogniser is gone and its workers with it: nothing runs this stream any more, so release here.
            Release();
        }
    }

    public void Execute()
    {
        lock (commands)
        {
            if (running)
            {
                return;
            }

            running = true;
            queued = false;
            promoted = false;
        }

        while (true)
        {
            Command command;
            lock (commands)
            {
                if (!commands.TryDequeue(out command))
                {
                    running = false;
                    return;
                }
            }

            Run(command);
        }
    }

    private void Enqueue(Command command)
    {
        var schedule = false;
        // Releasing jumps the queue too: it is cheap, and a stream behind it may need the decoder it gives back.
        var first = command.Kind is CommandKind.End or CommandKind.Release;
        lock (commands)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            disposed = command.Kind == CommandKind.Release;
            commands.Enqueue(command);
            if (!running && !queued)
            {
                // A running worker takes this command before it lets go of the stream; otherwise queue the stream.
                queued = true;
                promoted = first;
                schedule = true;
            }
            else if (!running && first && !promoted)
            {
                promoted = true;
                schedule = true;
            }
        }

        if (schedule)
        {
            workers.Schedule(this, first);
        }
    }

    private void Run(Command command)
    {
        switch (command.Kind)
        {
            case CommandKind.Start:
                fault = null;
                Guard(() =>
                {
                    decoder ??= decoders.Rent();
                    decoder.UseGrammar(Grammar);
                    decoder.Start();
                });
                break;
            case CommandKind.Audio when fault is null && decoder is not null:
                Guard(() => decoder.Write(command.Audio));
                break;
            case CommandKind.End:
                if (fault is null && decoder is not null)
                {
                    Guard(() => command.Result!.TrySetResult(Result(decoder, command.Duration)));
                }

                if (fault is not null)
                {
                    command.Result!.TrySetException(fault as SpeechToolException ?? new SpeechToolException($"pocketsphinx failed: {fault.Message}", fault));
                }

                break;
            case CommandKind.Release:
                Release();
                break;
        }
    }

    // An utterance outside the grammar is reported with no words, like one the grammar could not match at all, so
    // every consumer treats it as not understood; the words the grammar forced onto it are dropped.
    private RecognitionResult Result(PocketSphinxDecoder held, TimeSpan duration)
    {
        var text = held.End();
        var fit = held.LastFit;
        var rejected = text.Length > 0 && rejectBelow is { } threshold && fit is { } measured && measured < threshold;
        return new RecognitionResult(rejected ? "" : text, duration) { GrammarFit = fit, OutOfGrammar = rejected };
    }

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is SpeechToolException or InvalidOperationException or DllNotFoundException or EntryPointNotFoundException or ObjectDisposedException)
        {
            fault = ex;
            broken = true;
        }
    }

    private void Release()
    {
        if (decoder is { } held)
        {
            decoder = null;
            if (broken)
            {
                decoders.Free(held);
            }
            else
            {
                held.End(measureFit: false);
                decoders.Return(held);
            }
        }

        released?.Invoke();
    }

    private enum CommandKind
    {
        Start,
        Audio,
        End,
        Release,
    }

    private readonly record struct Command(CommandKind Kind, short[]? Audio, TaskCompletionSource<RecognitionResult>? Result, TimeSpan Duration);
}
