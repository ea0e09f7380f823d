using Microsoft.Extensions.Options;

namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>Refuses out-of-range <see cref="VoiceCallOptions"/> at start, naming each problem.</summary>
public sealed class VoiceCallOptionsValidator : IValidateOptions<VoiceCallOptions>
{
    public ValidateOptionsResult Validate(string? name, VoiceCallOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().Select(p => $"{VoiceCallOptions.Section}: {p}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
