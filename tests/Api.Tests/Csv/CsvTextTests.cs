using ContactCenter.Api.Csv;

namespace ContactCenter.Api.Tests.Csv;

public sealed class CsvTextTests
{
    private static string Field(string? value)
    {
        using var writer = new StringWriter();
        CsvText.WriteField(writer, value);
        return writer.ToString();
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("-", "'-")]
    [InlineData("+", "'+")]
    [InlineData("+1 212 734 0199", "'+1 212 734 0199")]
    [InlineData("+12127340199|+13105550100", "'+12127340199|+13105550100")]
    [InlineData("'=already", "''=already")]
    [InlineData("''+12127340199", "'''+12127340199")]
    public void WriteField_FormulaStart_GetsAnApostrophe(string value, string written)
        => Assert.Equal(written, Field(value));

    [Theory]
    // E.164 numbers and other plain numbers read as numbers in a spreadsheet: nothing to run.
    [InlineData("+12127340199")]
    [InlineData("-5")]
    [InlineData("-0.25")]
    [InlineData("+3.5")]
    [InlineData("12127340199")]
    [InlineData("Ann")]
    [InlineData("a=b")]
    [InlineData("'quoted")]
    [InlineData("2026-11-24T15:03:00.0000000Z")]
    public void WriteField_NoFormulaStart_IsWrittenAsItIs(string value)
        => Assert.Equal(value, Field(value));

    [Theory]
    [InlineData("'=1+1", "=1+1")]
    [InlineData("''=1+1", "'=1+1")]
    [InlineData("'+12127340199", "+12127340199")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("'", "'")]
    [InlineData("''", "''")]
    [InlineData("=1+1", "=1+1")]
    public void RestoreFormula_TakesOffOneApostropheBeforeAFormulaStart(string field, string value)
        => Assert.Equal(value, CsvText.RestoreFormula(field));

    [Fact]
    public void RestoreFormula_UndoesWriteField_ForEveryValue()
    {
        // Every value of up to three characters from the ones that matter, and a few longer ones.
        char[] alphabet = ['\'', '=', '+', '-', '@', '\t', '1', '.', 'a'];
        var values = new List<string> { "+12127340199", "'+12127340199", "''-5", "-0.25", "'-0.25", "@@", "'\t'" };
        foreach (var a in alphabet)
        {
            values.Add($"{a}");
            foreach (var b in alphabet)
            {
                values.Add($"{a}{b}");
                values.AddRange(alphabet.Select(c => $"{a}{b}{c}"));
            }
        }

        foreach (var value in values)
        {
            var field = Field(value);
            var unquoted = field.StartsWith('"') ? field[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : field;
            Assert.True(value == CsvText.RestoreFormula(unquoted), $"'{value}' written as '{field}' reads back as '{CsvText.RestoreFormula(unquoted)}'");
        }
    }
}
