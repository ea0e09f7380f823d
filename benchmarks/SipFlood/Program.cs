using ContactCenter.Benchmarks.SipFlood;

// INVITE flood against our SIP stack over UDP loopback, measuring process RSS before, during and after:
//   dotnet run -c Release --project benchmarks/SipFlood -- [--invites 50000] [--rate 5000] [--limit 20000]
var settings = FloodSettings.Parse(args);
var result = await FloodRun.ExecuteAsync(settings, Console.Out);
result.Print(Console.Out);
