namespace ContactCenter.Telephony.Speech;

/// <summary>
/// How many conversations may hold a streaming decoder at once, and how many do. Pacing reads it to dial no more AI
/// conversations than the node can listen to without the agent's answers falling behind.
/// </summary>
public interface IRecognitionCapacity
{
    /// <summary>Conversations that may hold a decoder at once (configured).</summary>
    int MaxConversations { get; }

    /// <summary>Conversations holding a decoder now.</summary>
    int ActiveConversations { get; }

    /// <summary>Most conversations that held a decoder at once since start.</summary>
    int PeakConversations { get; }

    /// <summary>Conversations refused a decoder because all were taken (they were recognised without streaming).</summary>
    long RefusedConversations { get; }

    /// <summary>Decoding work waiting for a core; it grows when the node cannot keep up with the audio.</summary>
    int DecodeBacklog { get; }

    /// <summary>Conversations that could still get a decoder now.</summary>
    int AvailableConversations => Math.Max(0, MaxConversations - ActiveConversations);
}
