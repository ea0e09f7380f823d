using ContactCenter.Telephony.Privacy;

namespace ContactCenter.Telephony.Tests.Privacy;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("+12127340199", "+*******0199")]
    [InlineData("12127340199", "*******0199")]
    [InlineData("(212) 734-0199", "(***) ***-0199")]
    [InlineData("+442071838750", "+********8750")]
    [InlineData("0199", "0199")]
    [InlineData("1001", "1001")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void MaskPhoneNumber_KeepsOnlyTheLastFourDigits(string? number, string? expected)
        => Assert.Equal(expected, PersonalData.MaskPhoneNumber(number));

    [Theory]
    [InlineData("sip:+12127340199@trunk.example.com:5060", "sip:+*******0199@trunk.example.com:5060")]
    [InlineData("sip:12127340199@10.0.0.7;transport=tcp", "sip:*******0199@10.0.0.7;transport=tcp")]
    [InlineData("tel:+12127340199", "tel:+*******0199")]
    [InlineData("'+12127340199' is not an E.164 number.", "'+*******0199' is not an E.164 number.")]
    [InlineData("Lead 42 cannot be dialed: +12127340199 is on the do-not-call list",
        "Lead 42 cannot be dialed: +*******0199 is on the do-not-call list")]
    [InlineData("from +12125550100 to +12127340199", "from +*******0100 to +*******0199")]
    public void MaskPhoneNumbersIn_MasksEveryNumberInTheText(string text, string expected)
        => Assert.Equal(expected, PersonalData.MaskPhoneNumbersIn(text));

    [Theory]
    // Short numbers, addresses, ports, durations and identifiers are what logs are read for.
    [InlineData("sip:1001@127.0.0.1:5062")]
    [InlineData("192.168.100.200:5060")]
    [InlineData("ended after 123456 ms")]
    [InlineData("call-3f2a1234567890b")]
    [InlineData("campaign spring_20261203 paused")]
    [InlineData("3f2a0c1e-9b7d-4c1e-8a55-123456789012")]
    public void MaskPhoneNumbersIn_LeavesOtherDigitsAlone(string text)
        => Assert.Equal(text, PersonalData.MaskPhoneNumbersIn(text));
}
