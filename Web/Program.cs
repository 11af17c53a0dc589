using Flattr.Silo.Database;
using Flattr.Silo.Hosting;
using Flattr.Web.Api.Hosting;
using Flattr.Web.Demo;
using Flattr.Web.Earnings;
using Flattr.Web.Hosting;
using Flattr.Web.Operator;
using Flattr.Web.Payments;

// The composition root: operator commands, the cluster (a co-hosted silo with the grains, or a cluster client), the web, the payment webhook.
if (OperatorCommands.IsCommand(args))
{
    return await OperatorCommands.RunAsync(args, Console.Out, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(DemoSetup.TranslateDemoFlag(args));
if (PublicAddress.ConfigurationProblem(builder.Configuration, builder.Environment) is { } addressProblem)
{
    await Console.Error.WriteLineAsync($"flattr web: {addressProblem}");
    return 1;
}

var connectionString = await FlattrSiloHosting.ConnectionStringAsync(builder.Configuration, null, CancellationToken.None);
if (await PostgresReachability.ProblemAsync(connectionString, CancellationToken.None) is { } problem)
{
    await Console.Error.WriteLineAsync($"flattr web: {problem}");
    return 1;
}

// The database this process settled on (configured, or the private local server) is the one every part of it reads.
builder.Configuration[$"ConnectionStrings:{FlattrSiloHosting.ConnectionStringName}"] = connectionString;

// A co-hosted silo by default; a cluster client of separate silo processes with Flattr:Cluster:WebRole=Client.
builder.UseFlattrCluster(connectionString);
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, PaymentsJson.Default));
builder.AddFlattrWeb();
builder.AddFlattrApi();

var app = builder.Build();
app.UseFlattrWeb();
app.MapFlattrApi();
app.MapGet("/health", () => "ok");
app.MapGet("/status", StatusPage.RenderAsync);
app.MapSandboxPayments(app.Environment);
app.MapSandboxPayouts(app.Environment);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
