using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ContactCenter.Api.Tests.Support;
using ContactCenter.Telephony.Media.Audio;
using static ContactCenter.Api.Tests.Leads.LeadApiClient;

namespace ContactCenter.Api.Tests.Campaigns;

/// <summary>The recorded safe-harbor message: upload a WAV, read it back as µ-law, remove it; bad audio is a 400 naming it.</summary>
[Collection(ApiCollection.Name)]
public sealed class SafeHarborAudioTests(ApiServer server)
{
    private HttpClient Http => server.Http;

    private static ByteArrayContent Wav(AudioClip clip, WavFormat format)
    {
        using var stream = new MemoryStream();
        WavFile.Write(stream, clip, format);
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return content;
    }

    private async Task<string> CampaignAsync() =>
        (await ReadAsync(await Http.PostAsJsonAsync("/api/campaigns", new { name = "Recorded safe harbor", dialerType = "Predictive" }), HttpStatusCode.Created))["id"]!.GetValue<string>();

    [Fact]
    public async Task Upload_ReadBackAsMuLaw_Delete()
    {
        var id = await CampaignAsync();
        var tone = AudioClip.Tone(440, TimeSpan.FromSeconds(1.5));
        var stored = await ReadAsync(await Http.PutAsync($"/api/campaigns/{id}/safe-harbor-audio", Wav(tone, WavFormat.Pcm16)), HttpStatusCode.OK);
        Assert.Equal(1.5, stored["seconds"]!.GetValue<double>());

        var download = await Http.GetAsync($"/api/campaigns/{id}/safe-harbor-audio");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("audio/wav", download.Content.Headers.ContentType!.MediaType);
        var back = WavFile.Read(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), out var format);
        Assert.Equal(WavFormat.MuLaw, format);
        Assert.Equal(tone.Samples.Length, back.Samples.Length);
        // µ-law keeps the tone within its quantisation step.
        Assert.InRange(back.Samples.Span[100] - tone.Samples.Span[100], -300, 300);

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/campaigns/{id}/safe-harbor-audio")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/campaigns/{id}/safe-harbor-audio")).StatusCode);
    }

    [Fact]
    public async Task NotAWav_TooLong_UnknownCampaign_AreProblems()
    {
        var id = await CampaignAsync();
        var junk = new ByteArrayContent("this is not audio at all"u8.ToArray());
        var bad = await Http.PutAsync($"/api/campaigns/{id}/safe-harbor-audio", junk);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        Assert.Contains("RIFF", await bad.Content.ReadAsStringAsync());

        var minute = await Http.PutAsync($"/api/campaigns/{id}/safe-harbor-audio", Wav(AudioClip.Silence(TimeSpan.FromSeconds(61)), WavFormat.MuLaw));
        Assert.Equal(HttpStatusCode.BadRequest, minute.StatusCode);
        Assert.Contains("61.0 s", await minute.Content.ReadAsStringAsync());

        var nowhere = await Http.PutAsync("/api/campaigns/no-such-campaign/safe-harbor-audio", Wav(AudioClip.Tone(440, TimeSpan.FromSeconds(1)), WavFormat.Pcm16));
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
    }
}
