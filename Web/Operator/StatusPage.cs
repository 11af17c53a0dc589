using System.Globalization;
using System.Net;
using Silo;
using Silo.Hosting;

namespace Flattr.Web.Operator;

/// <summary>A minimal page that proves the web talks to the co-hosted silo: live activations and counts read through grains.</summary>
public static class StatusPage
{
    public static async Task<IResult> RenderAsync(IGrainFactory grains, ISiloDiagnostics silo)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(silo);
        var users = await grains.GetUserDirectory().CountUsers();
        var things = await grains.GetThingRegistry().CountThings();
        var html = string.Create(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Flattr</title></head>
            <body>
            <h1>Flattr</h1>
            <p>Flattr is social micropayments: put in a monthly budget, click Flattr buttons, and at the month's end your budget is shared among everything you clicked.</p>
            <dl>
              <dt>Users</dt><dd id="users">{users}</dd>
              <dt>Things</dt><dd id="things">{things}</dd>
              <dt>Grain activations</dt><dd id="activations">{silo.ActivationCount}</dd>
            </dl>
            <p>{WebUtility.HtmlEncode(DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture))}</p>
            </body></html>
            """);
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
