using Flattr.Web.Demo;
using Flattr.Web.Hosting;

var builder = WebApplication.CreateBuilder(DemoSetup.TranslateDemoFlag(args));
builder.AddFlattrWeb();
var app = builder.Build();
app.UseFlattrWeb();
app.MapGet("/health", () => "ok");
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
