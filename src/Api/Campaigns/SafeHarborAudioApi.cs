using ContactCenter.Api.Problems;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Campaigns;

/// <summary>
/// A campaign's recorded safe-harbor message: an uploaded WAV (8 kHz mono: 16-bit PCM, µ-law or A-law) that an
/// abandoned call hears instead of the campaign's safeHarborMessage text. Stored as µ-law, what goes on the wire.
/// </summary>
public static class SafeHarborAudioApi
{
    /// <summary>Two minutes of 16-bit audio and its header: a safe-harbor message lasts seconds.</summary>
    public const int MaxBytes = 2 * 1024 * 1024 + 1024;
    public const double MaxSeconds = 60;

    public static IEndpointRouteBuilder MapSafeHarborAudioApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/campaigns").WithTags("Campaigns").ProducesUnavailable();
        api.MapPut("{id}/safe-harbor-audio", UploadAsync).WithName("UploadSafeHarborAudio")
            .WithSummary("Upload the recorded safe-harbor message (WAV, 8 kHz mono, 16-bit PCM or G.711, at most 60 s); abandoned calls hear it instead of the text")
            // The body is the WAV file itself (any content type): declaring audio/wav would have routing answer 415
            // before access is checked.
            .WithDescription("Request body: the WAV file's bytes (Content-Type audio/wav).").ProducesInvalid().ProducesNotFound();
        api.MapGet("{id}/safe-harbor-audio", DownloadAsync).WithName("GetSafeHarborAudio").WithSummary("The recorded safe-harbor message as WAV (8 kHz µ-law)")
            .Produces<byte[]>(StatusCodes.Status200OK, "audio/wav").ProducesNotFound();
        api.MapDelete("{id}/safe-harbor-audio", DeleteAsync).WithName("DeleteSafeHarborAudio").WithSummary("Remove the recording: the text (if any) is spoken again")
            .ProducesNotFound();
        return app;
    }

    public static async Task<Ok<SafeHarborAudioInfo>> UploadAsync([TextLimit(TextLimits.Id)] string id, HttpRequest request, IGrainFactory grains,
        SafeHarborAudioStore store, CancellationToken ct)
    {
        await grains.GetGrain<ICampaignGrain>(id).GetAsync(); // 404 for a campaign that does not exist
        if (request.ContentLength is > MaxBytes) throw new ValidationFailedException("audio", $"At most {MaxBytes:N0} bytes.");
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > MaxBytes) throw new ValidationFailedException("audio", $"At most {MaxBytes:N0} bytes.");
            body.Write(buffer, 0, read);
        }
        body.Position = 0;
        AudioClip clip;
        try
        {
            clip = WavFile.Read(body, out _);
        }
        catch (UnsupportedAudioException ex)
        {
            throw new ValidationFailedException("audio", ex.Message);
        }
        var seconds = clip.Samples.Length / (double)AudioClip.SampleRate;
        Problem.Require(seconds is > 0.2 and <= MaxSeconds, "audio", $"A message of 0.2 to {MaxSeconds:0} seconds (this one: {seconds:0.0} s).");
        await store.SaveAsync(id, G711.Encode(G711Law.MuLaw, clip.Samples.Span), ct);
        return TypedResults.Ok(new SafeHarborAudioInfo(id, Math.Round(seconds, 2)));
    }

    public static async Task<FileContentHttpResult> DownloadAsync([TextLimit(TextLimits.Id)] string id, SafeHarborAudioStore store, CancellationToken ct)
    {
        var muLaw = await store.ReadAsync(id, ct) ?? throw new EntityNotFoundException("Safe-harbor recording", id);
        using var wav = new MemoryStream();
        WavFile.WriteEncoded(wav, WavFormat.MuLaw, muLaw);
        return TypedResults.File(wav.ToArray(), "audio/wav", $"safe-harbor-{id}.wav");
    }

    public static async Task<NoContent> DeleteAsync([TextLimit(TextLimits.Id)] string id, SafeHarborAudioStore store, CancellationToken ct)
    {
        if (!await store.DeleteAsync(id, ct)) throw new EntityNotFoundException("Safe-harbor recording", id);
        return TypedResults.NoContent();
    }
}

/// <summary>What was stored: the campaign and the recording's length.</summary>
public sealed record SafeHarborAudioInfo(string CampaignId, double Seconds);
