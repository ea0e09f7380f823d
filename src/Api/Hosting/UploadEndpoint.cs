namespace ContactCenter.Api.Hosting;

/// <summary>Marks an endpoint that takes a file upload: its body may reach <see cref="RequestLimitOptions.MaxUploadBytes"/>.</summary>
public sealed class UploadEndpoint
{
    public static readonly UploadEndpoint Instance = new();

    private UploadEndpoint() { }
}
