using ContactCenter.Api.Hosting;

var app = await ContactCenterApp.BuildAsync(args);
await app.RunAsync();
