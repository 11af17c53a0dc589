using Flattr.Web.Operator;
using Flattr.Web.Payments;
using Silo.Hosting;

if (OperatorCommands.IsCommand(args))
{
    return await OperatorCommands.RunAsync(args, Console.Out, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(args);
var connectionString = await FlattrSilo.ConnectionStringAsync(builder.Configuration, null, CancellationToken.None);
builder.Services.AddFlattrSilo(builder.Configuration, connectionString);
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, PaymentsJson.Default));

var app = builder.Build();
app.MapGet("/", StatusPage.RenderAsync);
app.MapGet("/health", () => "ok");
app.MapSandboxPayments(app.Environment);
await app.RunAsync();
return 0;
