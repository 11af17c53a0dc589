using System.Net;

namespace Flattr.Web.Tests.EndToEnd;

/// <summary>The third-party pages the browser tests load from the blog site.</summary>
static class BlogPages
{
    public static string WithButtons(Uri flattr, string owner, string registeredUrl, string unregisteredUrl) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Someone's blog</title>
        <style>body {"{"} font: 17px/1.6 Georgia, serif; max-width: 680px; margin: 40px auto; color: #222; {"}"}</style></head>
        <body>
          <h1>A post worth flattring</h1>
          <p>This is a blog on another site. The Flattr buttons below come from Flattr's loader.</p>
          <p><a class="FlattrButton" href="{WebUtility.HtmlEncode(registeredUrl)}" data-flattr-uid="{owner}" data-flattr-button="compact"
                title="A post worth flattring">A post worth flattring</a></p>
          <h2>A brand new post</h2>
          <p><a class="FlattrButton" href="{WebUtility.HtmlEncode(unregisteredUrl)}" data-flattr-uid="{owner}" data-flattr-category="text"
                data-flattr-tags="blog,new" title="A brand new post">Flattr registers this post on its first flattr.</a></p>
          <script async src="{new Uri(flattr, "/button.js")}"></script>
        </body></html>
        """;

    public static string FramingFlattrPages(Uri flattr, string buttonUrl) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>A page that frames Flattr</title></head>
        <body>
          <iframe id="signin" src="{new Uri(flattr, "/signin")}" width="400" height="300"></iframe>
          <iframe id="wallet" src="{new Uri(flattr, "/me")}" width="400" height="300"></iframe>
          <iframe id="button" src="{new Uri(flattr, "/button/view?button=compact&url=" + Uri.EscapeDataString(buttonUrl))}" width="140" height="30"></iframe>
        </body></html>
        """;
}
