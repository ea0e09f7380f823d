namespace ContactCenter.Telephony.Speech;

/// <summary>
/// The dither sphinxbase adds with <c>-dither yes -seed 1</c>: +1 on each sample whose draw from MT19937 (Matsumoto
/// and Nishimura, 1998), seeded with 1, is divisible by four after dropping its lowest bit. sphinxbase draws from
/// one process-wide generator, which concurrent decoders would share unsafely and which would give each utterance
/// different noise; each utterance here starts the sequence afresh, so every utterance gets the noise that a new
/// <c>pocketsphinx_continuous</c> process gives it (measured: with other noise a fresh decoder lost
/// "talk to a person", which the process hears).
/// </summary>
internal sealed class SphinxDither
{
    private const int StateSize = 624;
    private const int Shift = 397;
    private readonly uint[] state = new uint[StateSize];
    private int next;

    /// <summary>Starts the sequence again from the seed.</summary>
    public void Restart(uint seed = 1)
    {
        state[0] = seed;
        for (uint i = 1; i < StateSize; i++)
        {
            state[i] = (1812433253u * (state[i - 1] ^ (state[i - 1] >> 30))) + i;
        }

        next = StateSize;
    }

    /// <summary>Adds the dither to the samples in place.</summary>
    public void Apply(Span<short> samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            if (((Draw() >> 1) & 3) == 0)
            {
                samples[i] = unchecked((short)(samples[i] + 1));
            }
        }
    }

    private uint Draw()
    {
        if (next >= StateSize)
        {
            Twist();
        }

        var y = state[next++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (var k = 0; k < StateSize; k++)
        {
            var y = (state[k] & 0x80000000u) | (state[(k + 1) % StateSize] & 0x7FFFFFFFu);
            state[k] = state[(k + Shift) % StateSize] ^ (y >> 1) ^ ((y & 1) == 0 ? 0u : 0x9908B0DFu);
        }

        next = 0;
    }
}
