using System.Globalization;
using System.Net;
using Orleans;
using Orleans.Runtime;

namespace Flattr.Web.Operator;

/// <summary>A minimal page that proves the web talks to the cluster: grain activations across all silos and counts read through grains.</summary>
public static class StatusPage
{
    public static async Task<IResult> RenderAsync(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var users = await grains.GetUserDirectory().CountUsers();
        var things = await grains.GetThingRegistry().CountThings();
        var activations = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        var html = string.Create(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Flattr</title></head>
            <body>
            <h1>Flattr</h1>
            <p>Flattr is social micropayments: put in a monthly budget, click Flattr buttons, and at the month's end your budget is shared among everything you clicked.</p>
            <dl>
              <dt>Users</dt><dd id="users">{users}</dd>
              <dt>Things</dt><dd id="things">{things}</dd>
              <dt>Grain activations</dt><dd id="activations">{activations}</dd>
            </dl>
            <p>{WebUtility.HtmlEncode(DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture))}</p>
            </body></html>
            """);
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
