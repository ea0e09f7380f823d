using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Api.Hosting;

/// <summary>How large a request body may be (section "ContactCenter:Requests"); larger ones are answered 413.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "ContactCenter:Requests";

    /// <summary>The largest body of an ordinary request (JSON, YAML scripts): 1 MiB.</summary>
    [Range(16 * 1024, 64L * 1024 * 1024)] public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest body of an upload (lead imports, DNC imports), multipart parts included: 2 GiB.</summary>
    [Range(64 * 1024, 1024L * 1024 * 1024 * 1024)] public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
