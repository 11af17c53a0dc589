using Flattr.Web.Localization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Flattr.Web.Layout;

/// <summary>The base of every view: gives it <see cref="T"/>, the texts in the request's language.</summary>
public abstract class FlattrRazorPage<TModel> : RazorPage<TModel>
{
    public Texts T => Texts.Current;
}
