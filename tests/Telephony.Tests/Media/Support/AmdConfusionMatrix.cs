using System.Globalization;
using System.Text;
using ContactCenter.Telephony.Media.Amd;

namespace ContactCenter.Telephony.Tests.Media.Support;

/// <summary>Counts AMD decisions against the truth: rows are what answered, columns what AMD said (NotSure counts as wrong).</summary>
public sealed class AmdConfusionMatrix
{
    private readonly Dictionary<(AmdStatus Truth, AmdStatus Said), int> counts = [];
    private readonly List<(AmdCase Case, AmdResult Result)> mistakes = [];

    /// <summary>Records one decision.</summary>
    public void Add(AmdCase amdCase, AmdResult result)
    {
        ArgumentNullException.ThrowIfNull(amdCase);
        ArgumentNullException.ThrowIfNull(result);
        counts[(amdCase.Truth, result.Status)] = this[amdCase.Truth, result.Status] + 1;
        if (result.Status != amdCase.Truth) mistakes.Add((amdCase, result));
    }

    /// <summary>How many answers of <paramref name="truth"/> were called <paramref name="said"/>.</summary>
    public int this[AmdStatus truth, AmdStatus said] => counts.GetValueOrDefault((truth, said));

    /// <summary>The wrongly classified cases with their results.</summary>
    public IReadOnlyList<(AmdCase Case, AmdResult Result)> Mistakes => mistakes;

    /// <summary>Answers of <paramref name="truth"/>.</summary>
    public int Total(AmdStatus truth) => Enum.GetValues<AmdStatus>().Sum(said => this[truth, said]);

    /// <summary>Share of <paramref name="truth"/> answers classified as <paramref name="truth"/>.</summary>
    public double Accuracy(AmdStatus truth) => Total(truth) == 0 ? 0 : this[truth, truth] / (double)Total(truth);

    /// <summary>A Markdown table of the matrix with per-class accuracy.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| actual \\ AMD said | Human | Machine | NotSure | correct |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var truth in new[] { AmdStatus.Human, AmdStatus.Machine })
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {truth} ({Total(truth)}) | {this[truth, AmdStatus.Human]} | {this[truth, AmdStatus.Machine]} | {this[truth, AmdStatus.NotSure]} | {Accuracy(truth):P1} |");
        }
        return text.ToString();
    }
}
