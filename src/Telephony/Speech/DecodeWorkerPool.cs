namespace ContactCenter.Telephony.Speech;

/// <summary>
/// A fixed set of threads, one per core by default, that run all decoding of a recogniser. Decoding is pure CPU
/// work in native code: on dedicated threads it never ties up the .NET thread pool that Orleans and the media
/// stack schedule on, and no more decoders run at once than there are cores to run them.
/// </summary>
internal sealed class DecodeWorkerPool : IDisposable
{
    private readonly Queue<IDecodeWork> queue = new();
    private readonly Queue<IDecodeWork> urgent = new();
    private readonly Thread[] threads;
    private bool stopping;

    public DecodeWorkerPool(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        threads = new Thread[workers];
        for (var i = 0; i < workers; i++)
        {
            threads[i] = new Thread(Run) { IsBackground = true, Name = $"speech-decode-{i}" };
            threads[i].Start();
        }
    }

    /// <summary>Number of threads.</summary>
    public int Workers => threads.Length;

    /// <summary>Work waiting for a thread (a load signal: it grows when decoding falls behind the audio).</summary>
    public int Backlog
    {
        get
        {
            lock (queue)
            {
                return queue.Count + urgent.Count;
            }
        }
    }

    /// <param name="work">The work.</param>
    /// <param name="first">Run before all ordinary work: a caller is waiting for its answer now.</param>
    /// <exception cref="ObjectDisposedException">The pool has been stopped.</exception>
    public void Schedule(IDecodeWork work, bool first = false)
    {
        lock (queue)
        {
            ObjectDisposedException.ThrowIf(stopping, this);
            (first ? urgent : queue).Enqueue(work);
            Monitor.Pulse(queue);
        }
    }

    /// <summary>Stops the threads once the queued work is done.</summary>
    public void Dispose()
    {
        lock (queue)
        {
            stopping = true;
            Monitor.PulseAll(queue);
        }

        foreach (var thread in threads)
        {
            if (thread != Thread.CurrentThread)
            {
                thread.Join();
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            IDecodeWork work;
            lock (queue)
            {
                while (queue.Count == 0 && urgent.Count == 0 && !stopping)
                {
                    Monitor.Wait(queue);
                }

                if (!urgent.TryDequeue(out work!) && !queue.TryDequeue(out work!))
                {
                    return;
                }
            }

            work.Execute();
        }
    }
}
