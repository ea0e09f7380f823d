namespace ContactCenter.Telephony.Tests.Speech;

/// <summary>
/// The phrases out-of-grammar rejection is tuned and checked on (shared with benchmarks/SpeechRejection). The grammar
/// holds the intent examples of the renewal sample script (tests/Grains.Tests/Broadcast/SampleScripts.cs). The tuning
/// set and the held-out set share no voice and no out-of-grammar phrase: the threshold is chosen on one and judged on
/// the other, so the held-out figures say how it does on speakers and sentences it was not fitted to.
/// </summary>
internal static class RejectionPhrases
{
    /// <summary>The renewal script's intent examples: yes, no, callback, stop, agent.</summary>
    public static readonly string[] Grammar =
    [
        "yes", "yes please", "sure", "okay", "that works", "go ahead",
        "no", "no thanks", "not really", "I am not interested",
        "call me back later", "can you call me tomorrow", "this is not a good time", "ring me next week",
        "stop calling me", "take me off your list", "do not call me again", "remove my number",
        "let me talk to a person", "I want a human", "representative please",
    ];

    /// <summary>Greetings, off-topic sentences and numbers used to choose the threshold.</summary>
    public static readonly string[] TuningOutOfGrammar =
    [
        "hello", "hi who is this", "what's the weather like", "I'm driving right now", "twenty five", "three hundred",
        "good morning", "who are you", "what do you want", "can you hear me", "the game starts at seven", "my name is john",
        "hang on a second", "what company is this", "I just got home", "it is raining outside", "forty two",
        "nineteen eighty four", "how did you get this number", "I'm at work", "sorry what", "pardon me",
        "what time is it", "where are you calling from",
    ];

    /// <summary>Other greetings, off-topic sentences and numbers, never looked at while tuning.</summary>
    public static readonly string[] HeldOutOutOfGrammar =
    [
        "hi", "hello who is this", "hey there", "good afternoon", "what's going on", "I'm cooking dinner",
        "the kids are asleep", "I'm in a meeting", "is this a robot", "seven", "one two three four", "fifteen dollars",
        "eighty", "how much does it cost", "what is this about", "my car broke down", "the weather is nice today",
        "I can't hear you", "speak up please", "who gave you my number", "I'm on the train", "what did you say",
        "happy birthday", "tell me a joke",
    ];

    /// <summary>espeak-ng voices and speaking rates of the tuning set.</summary>
    public static readonly (string Voice, int WordsPerMinute)[] TuningVoices =
        [("en-us", 160), ("en-us+f2", 175), ("en-us+m3", 145), ("en-gb", 160)];

    /// <summary>Other voices and rates, for the held-out set.</summary>
    public static readonly (string Voice, int WordsPerMinute)[] HeldOutVoices =
        [("en-us+m7", 160), ("en-us+f4", 180), ("en-gb-x-rp+m2", 150)];

    /// <summary>Every utterance of one set: each grammar phrase and each out-of-grammar phrase in each voice.</summary>
    public static IEnumerable<RejectionSample> Set(bool heldOut)
    {
        var voices = heldOut ? HeldOutVoices : TuningVoices;
        var outOfGrammar = heldOut ? HeldOutOutOfGrammar : TuningOutOfGrammar;
        foreach (var (voice, rate) in voices)
        {
            foreach (var phrase in Grammar)
            {
                yield return new RejectionSample(phrase, InGrammar: true, voice, rate);
            }

            foreach (var phrase in outOfGrammar)
            {
                yield return new RejectionSample(phrase, InGrammar: false, voice, rate);
            }
        }
    }
}
