using ContactCenter.Benchmarks.SipLoad;

// Load run of our SIP/RTP stack against a sipp UAS on 127.0.0.1:
//   dotnet run -c Release --project benchmarks/SipLoad -- [--calls 1000] [--concurrency 50] [--hold-ms 100]
//       [--media-start 100] [--media-max 1600] [--media-seconds 8]
var settings = SipLoadSettings.Parse(args);
var setup = await SetupRateRun.ExecuteAsync(settings);
setup.Print(Console.Out);
var media = await ConcurrentMediaRun.ExecuteAsync(settings);
ConcurrentMediaRun.Print(media, Console.Out);
