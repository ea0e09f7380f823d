using Microsoft.Extensions.Options;

namespace ContactCenter.Telephony.Speech;

/// <summary>Refuses out-of-range <see cref="InProcessRecognitionOptions"/> at start, naming each problem.</summary>
public sealed class InProcessRecognitionOptionsValidator : IValidateOptions<InProcessRecognitionOptions>
{
    public ValidateOptionsResult Validate(string? name, InProcessRecognitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().Select(p => $"{InProcessRecognitionOptions.Section}: {p}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
