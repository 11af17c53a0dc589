namespace Flattr.Web.Localization;

/// <summary>Imported into every view with <c>using static</c>, so views write <c>@T.SignIn</c>.</summary>
public static class CurrentTexts
{
    /// <summary>The texts in the request's language.</summary>
    public static Texts T => Texts.Current;
}
